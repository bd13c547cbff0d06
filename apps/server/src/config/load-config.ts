import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

/**
 * Every setting the server reads from its environment, with its default. Secrets have no default:
 * when absent they are generated into DATA_DIR (0600) on first start, never baked into the code.
 */
const EnvSchema = z.object({
  PORT: int(0, 65535).default(8443),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(16),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  HTTP_INSECURE: bool.default(false),
  PUBLIC_HOSTNAMES: z.string().default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT_BYTES: int(1024, 10 * 1024 * 1024).default(65536),
  RATE_LIMIT_PER_MINUTE: int(1, 10_000_000).default(12000),
  AUTH_FAILURES_PER_MINUTE: int(1, 10000).default(20),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_SECONDS: int(1, 86400).default(60),
  STUCK_PAYMENT_SECONDS: int(1, 3600).default(30),
  SEED_DEMO: bool.default(true),
  TEST_PROCESSOR_LATENCY_MS: int(0, 60000).default(0),
});

/** Names of settings whose values are secret: never echoed in an error. */
const SECRET_SETTINGS = new Set(["AUDIT_SIGNING_KEY", "DATABASE_URL"]);

/** The validated configuration. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  tls: { certFile: string; keyFile: string } | undefined;
  httpInsecure: boolean;
  publicHostnames: string[];
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  authFailuresPerMinute: number;
  auditSigningKey: string | undefined;
  auditCheckpointSeconds: number;
  stuckPaymentSeconds: number;
  seedDemo: boolean;
  testProcessorLatencyMs: number;
}

/** A configuration that cannot start the server; `problems` holds one line per bad setting. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** Reads and validates the configuration from `env`; throws ConfigError listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const raw = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = SECRET_SETTINGS.has(name) ? "" : ` (got ${JSON.stringify(raw[name])})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) problems.push("TLS_CERT and TLS_KEY: give both or neither");
  // Plain HTTP is for a reverse proxy or tests on this machine only: card traffic never crosses a
  // network unencrypted.
  if (e.HTTP_INSECURE && !LOOPBACK.has(e.HOST)) {
    problems.push(
      `HTTP_INSECURE: plain HTTP is only allowed on a loopback HOST (127.0.0.1, ::1, localhost), got HOST=${e.HOST}`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: abs(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    tls: e.TLS_CERT && e.TLS_KEY ? { certFile: abs(e.TLS_CERT), keyFile: abs(e.TLS_KEY) } : undefined,
    httpInsecure: e.HTTP_INSECURE,
    publicHostnames: e.PUBLIC_HOSTNAMES.split(",")
      .map((h) => h.trim())
      .filter(Boolean),
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
    auditSigningKey: e.AUDIT_SIGNING_KEY,
    auditCheckpointSeconds: e.AUDIT_CHECKPOINT_SECONDS,
    stuckPaymentSeconds: e.STUCK_PAYMENT_SECONDS,
    seedDemo: e.SEED_DEMO,
    testProcessorLatencyMs: e.TEST_PROCESSOR_LATENCY_MS,
  };
}

/** The settings table for the README and `--help`: name, default, meaning. */
export const CONFIG_DOCS: ReadonlyArray<[string, string, string]> = [
  ["PORT", "8443", "HTTPS port (0 picks a free one)"],
  ["HOST", "0.0.0.0", "interface to listen on"],
  ["DATA_DIR", ".data", "embedded database, TLS material, signing keys (created 0700)"],
  ["DATABASE_URL", "(unset)", "postgres://… to use a PostgreSQL server instead of embedded PGlite"],
  ["DATABASE_POOL_SIZE", "16", "connections to the PostgreSQL server"],
  ["TLS_CERT / TLS_KEY", "(unset)", "PEM files of the operator's certificate; unset: a local CA in DATA_DIR/tls"],
  ["HTTP_INSECURE", "false", "plain HTTP, only allowed when HOST is loopback (behind a TLS proxy, tests)"],
  ["PUBLIC_HOSTNAMES", "(empty)", "extra DNS names for the generated server certificate, comma-separated"],
  ["LOG_LEVEL", "info", "fatal, error, warn, info, debug, trace or silent"],
  ["BODY_LIMIT_BYTES", "65536", "largest request body accepted"],
  ["RATE_LIMIT_PER_MINUTE", "12000", "requests per minute per API key (or per IP when unauthenticated)"],
  ["AUTH_FAILURES_PER_MINUTE", "20", "failed API key attempts per minute per IP before 429"],
  ["AUDIT_SIGNING_KEY", "(unset)", "Ed25519 PKCS#8 PEM for audit checkpoints; unset: generated in DATA_DIR (0600)"],
  ["AUDIT_CHECKPOINT_SECONDS", "60", "how often the audit chain heads are signed"],
  ["STUCK_PAYMENT_SECONDS", "30", "a payment left processing this long (crash) is reversed"],
  ["SEED_DEMO", "true", "seed a demo merchant, catalog and test API key into an empty database"],
  ["TEST_PROCESSOR_LATENCY_MS", "0", "simulated authorization time of the test-mode processor"],
];
