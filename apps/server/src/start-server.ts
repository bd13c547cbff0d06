import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { loadOrCreateAuditSigningKey, startCheckpointTimer } from "@enclave/audit";
import { type Database, migrate, openDatabase } from "@enclave/db";
import { createLogger } from "@enclave/logging";
import { createTestProcessor, type Processor } from "@enclave/payments";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import type { Config } from "./config/load-config.ts";
import { recoverStuckPayments } from "./flows/recover-stuck-payments.ts";
import { seedDemo } from "./flows/seed-demo.ts";
import { loadTlsMaterial, TLS_OPTIONS } from "./tls/index.ts";

/** A running server and how to stop it. */
export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  /** Printed once at first start: the demo API key secret (never stored in clear). */
  demoApiKey: string | undefined;
  caPath: string | undefined;
  caFingerprint: string | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the whole product from a validated configuration: data directory, database and
 * migrations, audit signing key, demo seed, TLS, HTTP app, checkpoint timer and the recovery
 * sweep for interrupted payments.
 */
export async function startServer(config: Config, options: { processor?: Processor } = {}): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await chmod(config.dataDir, 0o700);
  const logger = createLogger({ level: config.logLevel, name: "enclave-server" });
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, "pgdata"),
    poolSize: config.databasePoolSize,
  });
  const migrated = await migrate(db);
  if (migrated.applied.length) logger.info({ applied: migrated.applied }, "migrations applied");
  const signer = await loadOrCreateAuditSigningKey({ dataDir: config.dataDir, envKey: config.auditSigningKey });
  const seeded = config.seedDemo ? await seedDemo(db) : undefined;
  const processor = options.processor ?? createTestProcessor({ latencyMs: config.testProcessorLatencyMs });

  const tls = config.httpInsecure
    ? undefined
    : await loadTlsMaterial({
        dataDir: config.dataDir,
        ...(config.tls ? { certFile: config.tls.certFile, keyFile: config.tls.keyFile } : {}),
        hostnames: config.publicHostnames,
      });
  const app = await buildApp({
    db,
    processor,
    logger,
    https: tls
      ? { key: tls.key, cert: tls.cert, minVersion: TLS_OPTIONS.minVersion, ciphers: TLS_OPTIONS.ciphers }
      : undefined,
    bodyLimitBytes: config.bodyLimitBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    authFailuresPerMinute: config.authFailuresPerMinute,
    auditPublicKeys: [signer.publicKeyPem],
  });

  const deps = { db, processor };
  const sweepMs = config.stuckPaymentSeconds * 1000;
  const sweep = () =>
    recoverStuckPayments(deps, sweepMs)
      .then((n) => n && logger.warn({ recovered: n }, "reversed interrupted payments"))
      .catch((error: unknown) => logger.error({ err: error }, "recovery sweep failed"));
  // At start, anything still processing was cut off by the previous process: reverse it now.
  await recoverStuckPayments(deps, 0);
  const sweeper = setInterval(sweep, sweepMs).unref();
  const stopCheckpoints = startCheckpointTimer(db, signer, {
    intervalMs: config.auditCheckpointSeconds * 1000,
    onError: (error) => logger.error({ err: error }, "audit checkpoint failed"),
  });

  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace("[::]", "localhost").replace("0.0.0.0", "localhost").replace("127.0.0.1", "localhost");
  return {
    app,
    db,
    url,
    demoApiKey: seeded?.apiKeySecret,
    caPath: tls?.caPath,
    caFingerprint: tls?.caFingerprintSha256,
    async stop() {
      clearInterval(sweeper);
      await app.close();
      await stopCheckpoints();
      await db.close();
    },
  };
}
