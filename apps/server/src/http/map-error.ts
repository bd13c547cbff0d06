import { AuditError } from "@enclave/audit";
import { MerchantsError } from "@enclave/merchants";
import { MoneyError } from "@enclave/money";
import { PaymentsError } from "@enclave/payments";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ApiError } from "./api-error.ts";

const PAYMENTS_STATUS: Record<PaymentsError["code"], number> = {
  NOT_FOUND: 404,
  UNEXPECTED_STATE: 409,
  ORDER_NOT_OPEN: 409,
  AMOUNT_EXCEEDS_BALANCE: 400,
  AMOUNT_EXCEEDS_AUTHORIZED: 400,
  REFUND_EXCEEDS_CAPTURED: 400,
  REFUND_QUANTITY_EXCEEDED: 400,
  CURRENCY_MISMATCH: 400,
  CASH_TENDERED_TOO_LOW: 400,
  NOTHING_TO_CLOSE: 409,
  INVALID_REQUEST: 400,
};

const MERCHANTS_STATUS: Record<MerchantsError["code"], number> = {
  NOT_FOUND: 404,
  SKU_TAKEN: 409,
  CURRENCY_MISMATCH: 400,
  INVALID_API_KEY: 401,
};

type FastifyLikeError = { code?: string; statusCode?: number; message: string; validation?: unknown };

/**
 * The one place that turns any thrown value into an API error. Domain codes map to statuses;
 * anything unknown becomes a 500 `api_error` whose message says nothing of the cause (the cause
 * goes to the log, redacted, under the request id).
 */
export function mapError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof PaymentsError) {
    return new ApiError(PAYMENTS_STATUS[error.code], "invalid_request_error", error.code.toLowerCase(), error.message, {
      param: error.param,
    });
  }
  if (error instanceof MerchantsError) {
    return new ApiError(
      MERCHANTS_STATUS[error.code],
      "invalid_request_error",
      error.code.toLowerCase(),
      error.message,
      {
        param: error.param,
      },
    );
  }
  if (error instanceof MoneyError) {
    return new ApiError(400, "invalid_request_error", error.code.toLowerCase(), error.message, { param: error.param });
  }
  if (error instanceof AuditError && error.code === "LIST_PARAMS_INVALID") {
    return new ApiError(400, "invalid_request_error", "parameter_invalid", "Invalid list parameters.");
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const keys = first?.params?.keys as string[] | undefined;
    const where = first?.instancePath?.replace(/^\//, "").replaceAll("/", ".") ?? "";
    const unknownKey = first?.keyword === "unrecognized_keys" ? keys?.[0] : undefined;
    const param = unknownKey ? (where ? `${where}.${unknownKey}` : unknownKey) : where || undefined;
    const missing = first?.keyword === "invalid_type" && /received undefined/.test(first?.message ?? "");
    const code = unknownKey ? "parameter_unknown" : missing ? "parameter_missing" : "parameter_invalid";
    const context = error.validationContext === "body" ? "" : ` in ${error.validationContext}`;
    const message = unknownKey
      ? `Unknown parameter: ${param}`
      : `Invalid ${param ?? "request"}${context}: ${first?.message ?? "invalid value"}`;
    return new ApiError(400, "invalid_request_error", code, message, { param });
  }
  const e = error as FastifyLikeError;
  switch (e?.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiError(400, "invalid_request_error", "invalid_json", "The request body is not valid JSON.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError(413, "invalid_request_error", "body_too_large", "The request body is too large.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError(415, "invalid_request_error", "unsupported_media_type", "Send the body as application/json.");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ApiError(
        400,
        "invalid_request_error",
        "invalid_content_length",
        "The Content-Length does not match the body.",
      );
  }
  if (e?.statusCode === 429)
    return new ApiError(429, "rate_limit_error", "rate_limited", "Too many requests; slow down.");
  // secure-json-parse refuses __proto__/constructor keys with a SyntaxError.
  if (
    e instanceof SyntaxError ||
    (e?.statusCode === 400 && typeof e.code === "string" && e.code.startsWith("FST_ERR_CTP"))
  ) {
    return new ApiError(400, "invalid_request_error", "invalid_json", "The request body is not valid JSON.");
  }
  if (e?.statusCode === 404) return new ApiError(404, "invalid_request_error", "route_not_found", "No such route.");
  if (e?.statusCode === 405)
    return new ApiError(405, "invalid_request_error", "method_not_allowed", "Method not allowed.");
  return new ApiError(500, "api_error", "internal", "Something went wrong on our side; it has been logged.");
}
