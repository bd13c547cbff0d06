/** The `type` of an API error object (DESIGN §6, Stripe-compatible names). */
export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "idempotency_error"
  | "card_error"
  | "rate_limit_error"
  | "api_error";

/** An error the API answers with `{ error: { type, code, message, param?, decline_code? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: ApiErrorType;
  readonly code: string;
  readonly param: string | undefined;
  readonly declineCode: string | undefined;
  constructor(
    status: number,
    type: ApiErrorType,
    code: string,
    message: string,
    extra: { param?: string | undefined; declineCode?: string | undefined } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = extra.param;
    this.declineCode = extra.declineCode;
  }

  /** The JSON body of this error. */
  toBody(): { error: Record<string, string> } {
    return {
      error: {
        type: this.type,
        code: this.code,
        message: this.message,
        ...(this.param ? { param: this.param } : {}),
        ...(this.declineCode ? { decline_code: this.declineCode } : {}),
      },
    };
  }
}

/** 404 for a resource that does not exist for this merchant (another merchant's ids included). */
export const notFound = (what: string, param?: string) =>
  new ApiError(404, "invalid_request_error", "resource_missing", `No such ${what}.`, { param });
