import { listAuditEntries, listCheckpoints } from "@enclave/audit";
import type { Queryable } from "@enclave/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { PageQuery } from "../http/pagination.ts";
import { principalOf } from "../http/request-context.ts";

/**
 * The merchant's own audit entries, and the signed checkpoints with the public keys that sign
 * them, so anyone can hold a checkpoint and later prove the trail was not rewritten.
 */
export function auditRoutes(db: Queryable, publicKeys: string[]): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/v1/audit/entries",
      {
        schema: {
          tags: ["Audit"],
          summary: "List this merchant's audit entries, newest first",
          querystring: PageQuery.extend({
            resource: z.string().max(64).optional(),
            action: z.string().max(64).optional(),
          }),
        },
      },
      async (request) => {
        const q = request.query;
        const page = await listAuditEntries(db, {
          merchantId: principalOf(request).merchantId,
          limit: q.limit,
          startingAfter: q.starting_after,
          resourceId: q.resource,
          action: q.action,
        });
        return { object: "list", data: page.data, has_more: page.hasMore, url: "/v1/audit/entries" };
      },
    );
    app.get(
      "/v1/audit/checkpoints",
      {
        schema: {
          tags: ["Audit"],
          summary: "List signed checkpoints of the audit chain, newest first",
          querystring: PageQuery,
        },
      },
      async (request) => {
        const q = request.query;
        const page = await listCheckpoints(db, { limit: q.limit, startingAfter: q.starting_after });
        return { object: "list", data: page.data, has_more: page.hasMore, url: "/v1/audit/checkpoints" };
      },
    );
    app.get(
      "/v1/audit/public_keys",
      { schema: { tags: ["Audit"], summary: "Ed25519 public keys that sign checkpoints (PEM)" } },
      async () => ({
        object: "list",
        data: publicKeys.map((pem) => ({ object: "public_key", algorithm: "Ed25519", pem })),
        has_more: false,
        url: "/v1/audit/public_keys",
      }),
    );
  };
}
