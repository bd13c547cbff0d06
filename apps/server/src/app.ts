import { randomUUID } from "node:crypto";
import type { Database } from "@enclave/db";
import type { Processor } from "@enclave/payments";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { FlowDeps } from "./flows/context.ts";
import { createAuthenticator } from "./http/authenticate.ts";
import { createIdempotency } from "./http/idempotency.ts";
import { mapError } from "./http/map-error.ts";
import { accountRoutes } from "./routes/account-routes.ts";
import { auditRoutes } from "./routes/audit-routes.ts";
import { catalogRoutes } from "./routes/catalog-routes.ts";
import { docsRoutes } from "./routes/docs-routes.ts";
import { healthRoutes } from "./routes/health.ts";
import { paymentRoutes } from "./routes/payment-routes.ts";

/** Everything the HTTP app needs, built by the caller (main.ts, tests, the benchmark). */
export interface AppDeps {
  db: Database;
  processor: Processor;
  logger: FastifyBaseLogger;
  /** TLS key and certificate; undefined serves plain HTTP (tests, loopback behind a proxy). */
  https?: { key: string; cert: string; minVersion: "TLSv1.2" | "TLSv1.3"; ciphers?: string } | undefined;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  authFailuresPerMinute: number;
  /** Public keys (PEM) that sign audit checkpoints, served at /v1/audit/public_keys. */
  auditPublicKeys: string[];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
// The API answers JSON only: nothing may be framed, sniffed or run as a page.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Builds the Fastify app: security headers, rate limits, API key authentication on /v1, the
 * error handler, OpenAPI, and every route. The one place where the parts are wired together.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes,
    // Take a client's request id only when it is a plain token: it is copied into logs and the audit trail.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : `req_${randomUUID().replaceAll("-", "")}`;
    },
    requestIdHeader: false,
    trustProxy: false,
    ...(deps.https ? { https: { ...deps.https, honorCipherOrder: true } } : {}),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("request-id", request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: false,
    hsts: { maxAge: 31_536_000, includeSubDomains: true, preload: false },
    crossOriginResourcePolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "no-referrer" },
  });
  app.addHook("onSend", async (_request, reply) => {
    if (!reply.hasHeader("content-security-policy")) reply.header("content-security-policy", API_CSP);
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  });
  await app.register(rateLimit, {
    max: deps.rateLimitPerMinute,
    timeWindow: 60_000,
    // Per API key when one is sent (hashed by the plugin's store key only), else per address.
    keyGenerator: (request) => request.headers.authorization ?? request.ip,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        type: "rate_limit_error",
        code: "rate_limited",
        message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`,
      },
    }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Enclave POS API",
        version: "1.0.0",
        description:
          "Payments API of Enclave POS: orders, card-present and cash payments, captures, refunds, batches, events and a verifiable audit trail.",
      },
      components: {
        securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "sk_test_… or sk_live_…" } },
      },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((error, request, reply) => {
    const apiError = mapError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: apiError.code, status: apiError.status }, "request refused");
    return reply.code(apiError.status).send(apiError.toBody());
  });
  app.setNotFoundHandler((_request, reply) =>
    reply
      .code(404)
      .send({ error: { type: "invalid_request_error", code: "route_not_found", message: "No such route." } }),
  );

  const authenticator = createAuthenticator({ db: deps.db, failuresPerMinute: deps.authFailuresPerMinute });
  // onRequest: a caller without a valid key learns nothing about bodies or routes beyond 401.
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/v1/")) return;
    // Tenant boundary: every /v1 request acts for the one merchant its key belongs to.
    request.principal = await authenticator.authenticate(request.headers.authorization, request.ip);
  });

  const flowDeps: FlowDeps = { db: deps.db, processor: deps.processor };
  const idempotency = createIdempotency(deps.db);
  await app.register(healthRoutes(deps.db));
  await app.register(catalogRoutes(flowDeps));
  await app.register(paymentRoutes(flowDeps, idempotency));
  await app.register(accountRoutes(flowDeps, () => authenticator.forget()));
  await app.register(auditRoutes(deps.db, deps.auditPublicKeys));
  await app.register(docsRoutes());
  return app;
}
