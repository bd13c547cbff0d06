import { type Database, openTestDatabase } from "@enclave/db";
import { createLogger } from "@enclave/logging";
import { createTestProcessor, type Processor } from "@enclave/payments";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { type Onboarded, onboardMerchant } from "../flows/onboard-merchant.ts";
import { DEMO_CATALOG } from "../flows/seed-demo.ts";

/** A test server on a fresh migrated database with two merchants (for tenant-crossing tests). */
export interface TestApp {
  app: FastifyInstance;
  db: Database;
  shop: Onboarded;
  other: Onboarded;
  /** Sends a JSON request as `key` (default: the shop's). */
  call(
    method: "GET" | "POST",
    url: string,
    body?: unknown,
    options?: { key?: string | null; idempotencyKey?: string; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: test bodies are arbitrary JSON read by assertions
  ): Promise<{ status: number; body: Record<string, any>; headers: Record<string, unknown> }>;
  /** Row counts of the tables a bad request must not touch. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

let keySeq = 0;

/** Builds the app the way main.ts does, on `openTestDatabase()` (PGlite, or DATABASE_URL's server). */
export async function createTestApp(
  options: {
    processor?: Processor;
    rateLimitPerMinute?: number;
    authFailuresPerMinute?: number;
    bodyLimitBytes?: number;
    logTo?: NodeJS.WritableStream;
  } = {},
): Promise<TestApp> {
  const db = await openTestDatabase();
  const onboard = (name: string) =>
    db.transaction((tx) =>
      onboardMerchant(
        tx,
        { type: "system", id: "test" },
        {
          name,
          country: "US",
          currency: "USD",
          timezone: "America/New_York",
          apiKeyMode: "test",
          catalog: DEMO_CATALOG,
        },
      ),
    );
  const shop = await onboard("Test Shop");
  const other = await onboard("Other Shop");
  const app = await buildApp({
    db,
    processor: options.processor ?? createTestProcessor(),
    // The production logger, so tests see exactly what would be written (silent unless captured).
    logger: createLogger(options.logTo ? { level: "info", destination: options.logTo } : { level: "silent" }),
    bodyLimitBytes: options.bodyLimitBytes ?? 65536,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    authFailuresPerMinute: options.authFailuresPerMinute ?? 1000,
    auditPublicKeys: [],
  });
  await app.ready();
  return {
    app,
    db,
    shop,
    other,
    async call(method, url, body, opts = {}) {
      const key = opts.key === undefined ? shop.apiKeySecret : opts.key;
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (key) headers.authorization = `Bearer ${key}`;
      if (method === "POST") headers["idempotency-key"] = opts.idempotencyKey ?? `test-${process.pid}-${++keySeq}`;
      if (body !== undefined) headers["content-type"] ??= "application/json";
      const res = await app.inject({
        method,
        url,
        headers,
        ...(body !== undefined ? { payload: typeof body === "string" ? body : JSON.stringify(body) } : {}),
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : {}, headers: res.headers };
    },
    async counts() {
      const out: Record<string, number> = {};
      for (const t of [
        "orders",
        "payments",
        "refunds",
        "batches",
        "outbox_events",
        "audit_entries",
        "idempotency_keys",
        "catalog_items",
        "locations",
        "terminals",
        "api_keys",
      ]) {
        const r = await db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${t}`);
        out[t] = r.rows[0]?.n ?? 0;
      }
      return out;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
