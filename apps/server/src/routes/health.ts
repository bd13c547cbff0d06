import { type Database, migrationStatus } from "@enclave/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/** Liveness and readiness for load balancers and orchestrators. */
export function healthRoutes(db: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/healthz",
      { schema: { hide: true, response: { 200: z.object({ status: z.literal("ok") }) } } },
      async () => ({ status: "ok" as const }),
    );
    app.get(
      "/readyz",
      {
        schema: {
          hide: true,
          response: {
            200: z.object({
              status: z.string(),
              database: z.string(),
              migrations: z.object({ applied: z.number(), latest: z.number() }),
            }),
            503: z.object({ status: z.string(), reason: z.string() }),
          },
        },
      },
      async (_request, reply) => {
        try {
          const m = await migrationStatus(db);
          if (!m.current)
            return reply.code(503).send({ status: "not_ready", reason: `migrations at ${m.applied} of ${m.latest}` });
          return { status: "ready", database: db.engine, migrations: { applied: m.applied, latest: m.latest } };
        } catch {
          return reply.code(503).send({ status: "not_ready", reason: "database unreachable" });
        }
      },
    );
  };
}
