import { createApiKey, listApiKeys, revokeApiKey } from "@enclave/merchants";
import { EVENT_TYPES, listEvents } from "@enclave/outbox";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FlowDeps } from "../flows/context.ts";
import { recordChange } from "../flows/record-change.ts";
import { ApiError, notFound } from "../http/api-error.ts";
import { listOf, PageQuery, toList } from "../http/pagination.ts";
import { presentApiKey, presentEvent } from "../http/present.ts";
import { contextOf, principalOf } from "../http/request-context.ts";
import { ApiKeyObject, ErrorBody, EventObject, Id } from "../http/schemas.ts";

/** Events (the outbox, readable by integrators) and API key management. */
export function accountRoutes(deps: FlowDeps, onKeyRevoked: () => void): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/v1/events",
      {
        schema: {
          tags: ["Events"],
          summary: "List domain events, newest first",
          querystring: PageQuery.extend({ type: z.enum(EVENT_TYPES).optional() }),
          response: { 200: listOf(EventObject) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listEvents(deps.db, {
          merchantId: principalOf(request).merchantId,
          limit: q.limit + 1,
          startingAfter: q.starting_after,
          type: q.type,
        });
        return toList(rows, q.limit, "/v1/events", presentEvent);
      },
    );

    app.get(
      "/v1/api_keys",
      {
        schema: {
          tags: ["API keys"],
          summary: "List API keys (never their secrets)",
          response: { 200: listOf(ApiKeyObject) },
        },
      },
      async (request) => {
        const rows = await listApiKeys(deps.db, principalOf(request).merchantId);
        return toList(rows, rows.length, "/v1/api_keys", (k) => presentApiKey(k));
      },
    );

    app.post(
      "/v1/api_keys",
      {
        schema: {
          tags: ["API keys"],
          summary: "Create an API key of the caller's mode; the secret is in this response only",
          body: z.strictObject({ name: z.string().min(1).max(100) }),
          response: { 200: ApiKeyObject },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        const mode = ctx.livemode ? "live" : "test";
        const created = await deps.db.transaction(async (tx) => {
          const c = await createApiKey(tx, { merchantId: ctx.merchantId, mode, name: request.body.name });
          await recordChange(tx, ctx, {
            action: "api_key.created",
            resource: { type: "api_key", id: c.apiKey.id },
            details: { mode, name: c.apiKey.name },
            event: { type: "api_key.created", data: presentApiKey(c.apiKey) },
          });
          return c;
        });
        // A response that carries a secret must never be cached anywhere on the way.
        reply.header("cache-control", "no-store");
        return presentApiKey(created.apiKey, created.secret);
      },
    );

    app.post(
      "/v1/api_keys/:id/revoke",
      {
        schema: {
          tags: ["API keys"],
          summary: "Revoke an API key",
          params: z.strictObject({ id: Id }),
          response: { 200: ApiKeyObject, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        if (request.params.id === ctx.actor.id) {
          throw new ApiError(
            400,
            "invalid_request_error",
            "cannot_revoke_self",
            "A key cannot revoke itself; use another key.",
          );
        }
        const key = await deps.db.transaction(async (tx) => {
          const k = await revokeApiKey(tx, ctx.merchantId, request.params.id);
          if (!k) throw notFound("API key", "id");
          await recordChange(tx, ctx, {
            action: "api_key.revoked",
            resource: { type: "api_key", id: k.id },
            event: { type: "api_key.revoked", data: presentApiKey(k) },
          });
          return k;
        });
        onKeyRevoked();
        return presentApiKey(key);
      },
    );
  };
}
