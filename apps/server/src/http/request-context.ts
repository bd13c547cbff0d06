import type { ApiKeyPrincipal } from "@enclave/merchants";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FlowResponse, RequestContext } from "../flows/context.ts";
import { ApiError } from "./api-error.ts";
import type { Idempotency } from "./idempotency.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal?: ApiKeyPrincipal;
  }
}

/** The authenticated caller of a /v1 request (the auth hook has run). */
export function principalOf(request: FastifyRequest): ApiKeyPrincipal {
  if (!request.principal)
    throw new ApiError(401, "authentication_error", "api_key_missing", "Authentication required.");
  return request.principal;
}

/** Actor and origin of a request, for flows and their audit entries. */
export function contextOf(request: FastifyRequest): RequestContext {
  const p = principalOf(request);
  const ua = request.headers["user-agent"];
  return {
    merchantId: p.merchantId,
    livemode: p.livemode,
    actor: { type: "api_key", id: p.apiKeyId },
    origin: { ip: request.ip, requestId: request.id, ...(ua ? { userAgent: ua } : {}) },
  };
}

/**
 * Runs a POST under the Idempotency-Key rules: replays a saved response, refuses a reused or
 * in-flight key, or runs `run` with the key in its context (the flow saves the response in its
 * own transaction).
 */
export async function idempotent(
  idempotency: Idempotency,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { required: boolean },
  run: (ctx: RequestContext) => Promise<FlowResponse>,
): Promise<unknown> {
  const ctx = contextOf(request);
  const begun = await idempotency.begin(
    ctx.merchantId,
    request.headers["idempotency-key"],
    request.method,
    request.url.split("?")[0] as string,
    request.body,
    options.required,
  );
  if ("replay" in begun) {
    reply.header("idempotent-replayed", "true");
    return reply.code(begun.replay.status).send(begun.replay.body);
  }
  try {
    const result = await run({ ...ctx, idempotency: begun.context });
    return reply.code(result.status).send(result.body);
  } finally {
    begun.release();
  }
}
