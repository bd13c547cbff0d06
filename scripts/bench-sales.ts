/**
 * `npm run bench`: card sales per second through the real server, over HTTPS, on the embedded
 * database and on a PostgreSQL server, next to two ceilings measured the same way in the same run
 * (the product's trivial /healthz, and a bare Fastify route). The machine is noisy and small, so
 * the ratios between those figures matter more than any absolute number.
 *
 * Options: --concurrency N (32), --duration S (10), --require-postgres, --cpu-prof DIR (writes a
 * V8 CPU profile of each server child into DIR).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Pool } from "undici";
import { freePort, killAll, type Spawned, spawnNode, waitFor } from "./bench-support/children.ts";
import { getOp, httpsPool, type LoadResult, type Op, round, runLoad } from "./bench-support/load.ts";
import { createBenchDatabase } from "./bench-support/postgres.ts";

const ROOT = resolve(import.meta.dirname, "..");
const WARMUP_MS = 2_000;

const { values: args } = parseArgs({
  options: {
    concurrency: { type: "string", default: "32" },
    duration: { type: "string", default: "10" },
    "require-postgres": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
  },
});
const concurrency = Number(args.concurrency);
const durationMs = Number(args.duration) * 1000;
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) throw new Error("--concurrency: 1..1024");
if (!Number.isFinite(durationMs) || durationMs < 1000 || durationMs > 600_000) throw new Error("--duration: 1..600 s");
const load = { concurrency, warmupMs: WARMUP_MS, durationMs };
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

interface ModeResult {
  sales_per_s: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  sales: number;
  errors: number;
  errors_by_kind: Record<string, number>;
  error_samples: Record<string, string>;
  server_error_lines: string[];
  healthz_rps: number;
  healthz_p50_ms: number;
  healthz_p99_ms: number;
}

interface Server {
  proc: Spawned;
  origin: string;
  apiKey: string;
  ca: string;
  dataDir: string;
}

/** Starts `apps/server/src/main.ts` on a fresh data directory and waits until /readyz says ready. */
async function startProductServer(dataDir: string, databaseUrl: string | undefined, tag: string): Promise<Server> {
  const port = await freePort();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    // The config caps it at 10 000 000 (≈166 000/s): far above anything two cores can serve.
    RATE_LIMIT_PER_MINUTE: "10000000",
    SEED_DEMO: "true",
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const nodeArgs = args["cpu-prof"]
    ? ["--cpu-prof", "--cpu-prof-dir", resolve(args["cpu-prof"]), "--cpu-prof-name", `server-${tag}.cpuprofile`]
    : [];
  const proc = spawnNode([...nodeArgs, "apps/server/src/main.ts"], env, ROOT);
  // The banner is printed once, after the server listens: the key is on the line after "shown this once".
  const banner = await waitFor("server banner", proc, 120_000, () => {
    const lines = proc.stdout().split("\n");
    const i = lines.findIndex((l) => l.includes("shown this once"));
    const key = i >= 0 ? lines[i + 1]?.trim() : undefined;
    const caPath = lines
      .find((l) => l.includes("Local CA:"))
      ?.split("Local CA:")[1]
      ?.trim();
    return key && caPath ? { key, caPath } : undefined;
  });
  const ca = await readFile(banner.caPath, "utf8");
  const origin = `https://127.0.0.1:${port}`;
  const probe = httpsPool(origin, ca, 1);
  try {
    await waitFor("server /readyz", proc, 30_000, async () => {
      const res = await probe.request({ method: "GET", path: "/readyz" });
      await res.body.dump();
      return res.statusCode === 200 ? true : undefined;
    });
  } finally {
    await probe.close();
  }
  return { proc, origin, apiKey: banner.key, ca, dataDir };
}

/** The ids a sale needs, read through the public API like a real client would. */
async function demoIds(pool: Pool, apiKey: string) {
  const list = async (path: string) => {
    const res = await pool.request({ method: "GET", path, headers: { authorization: `Bearer ${apiKey}` } });
    const body = (await res.body.json()) as { data?: { id: string }[] };
    if (res.statusCode !== 200 || !body.data?.length) throw new Error(`GET ${path}: ${res.statusCode}`);
    return body.data.map((d) => d.id);
  };
  const [location] = await list("/v1/locations");
  const [terminal] = await list("/v1/terminals");
  const items = await list("/v1/catalog_items");
  if (!location || !terminal || items.length < 2) throw new Error("demo seed incomplete");
  return { location, terminal, items: [items[0] as string, items[1] as string] };
}

/** The first error body seen per route and status, reported next to the counts. */
let errorSamples: Record<string, string> = {};

/** One card sale: create the order, then pay it with a test Visa; only `succeeded` counts. */
function saleOp(pool: Pool, apiKey: string, ids: Awaited<ReturnType<typeof demoIds>>): Op {
  const post = async (path: string, body: unknown) => {
    const res = await pool.request({
      method: "POST",
      path,
      headers: {
        authorization: `Bearer ${apiKey}`,
        "content-type": "application/json",
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.body.json()) as {
      id?: string;
      status?: string;
      error?: { code?: string; message?: string };
    };
    // Keep one example of each failure so the report says what went wrong, not only how often.
    if (res.statusCode !== 200) {
      const kind = `${path}_${res.statusCode}`;
      errorSamples[kind] ??= `${json.error?.code ?? ""}: ${json.error?.message ?? ""}`.slice(0, 300);
    }
    return { status: res.statusCode, json };
  };
  return async () => {
    const order = await post("/v1/orders", {
      location: ids.location,
      lines: [
        { catalog_item: ids.items[0], quantity: 1 },
        { catalog_item: ids.items[1], quantity: 2 },
      ],
    });
    if (order.status !== 200 || !order.json.id) return `order_http_${order.status}`;
    const payment = await post("/v1/payments", {
      terminal: ids.terminal,
      order: order.json.id,
      payment_method_type: "card_present",
      capture_method: "automatic",
      confirm: true,
      payment_method: {
        type: "card_present",
        card_present: { type: "test_card", test_card: "visa", entry_mode: "contactless" },
      },
    });
    if (payment.status !== 200) return `payment_http_${payment.status}`;
    return payment.json.status === "succeeded" ? "ok" : `payment_status_${payment.json.status}`;
  };
}

/** Sales then /healthz against one server process, with the same pool and concurrency. */
async function benchMode(server: Server, tag: string): Promise<ModeResult> {
  const pool = httpsPool(server.origin, server.ca, concurrency);
  try {
    const ids = await demoIds(pool, server.apiKey);
    log(`${tag}: sales for ${WARMUP_MS / 1000}+${durationMs / 1000} s at concurrency ${concurrency}`);
    errorSamples = {};
    const sales = await runLoad(saleOp(pool, server.apiKey, ids), load);
    log(`${tag}: ${sales.per_s} sales/s, p99 ${sales.p99_ms} ms, ${sales.errors} errors`);
    // An error count alone is no diagnosis: keep the server's own error lines (already redacted).
    const serverErrors = server.proc
      .stdout()
      .split("\n")
      .filter((line) => line.includes('"level":"error"'))
      .slice(0, 5);
    log(`${tag}: /healthz`);
    const health = await runLoad(getOp(pool, "/healthz"), load);
    log(`${tag}: ${health.per_s} healthz/s`);
    return {
      sales_per_s: sales.per_s,
      p50_ms: sales.p50_ms,
      p90_ms: sales.p90_ms,
      p99_ms: sales.p99_ms,
      max_ms: sales.max_ms,
      sales: sales.count,
      errors: sales.errors,
      errors_by_kind: sales.errors_by_kind,
      error_samples: errorSamples,
      server_error_lines: serverErrors,
      healthz_rps: health.per_s,
      healthz_p50_ms: health.p50_ms,
      healthz_p99_ms: health.p99_ms,
    };
  } finally {
    await pool.close();
  }
}

/** The bare Fastify peer, with the certificate the product generated in `dataDir`. */
async function benchBareFastify(dataDir: string, ca: string): Promise<LoadResult> {
  const port = await freePort();
  const proc = spawnNode(
    ["scripts/bench-support/bare-fastify.ts"],
    {
      PORT: String(port),
      TLS_CERT: join(dataDir, "tls", "server.pem"),
      TLS_KEY: join(dataDir, "tls", "server-key.pem"),
    },
    ROOT,
  );
  try {
    await waitFor("bare fastify", proc, 30_000, () => (proc.stdout().includes("ready") ? true : undefined));
    const pool = httpsPool(`https://127.0.0.1:${port}`, ca, concurrency);
    try {
      log("bare fastify: GET /");
      const r = await runLoad(getOp(pool, "/"), load);
      log(`bare fastify: ${r.per_s} req/s`);
      return r;
    } finally {
      await pool.close();
    }
  } finally {
    await proc.stop();
  }
}

const tempDirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
let exitCode = 0;
try {
  const embeddedDir = await mkdtemp(join(tmpdir(), "enclave-bench-embedded-"));
  tempDirs.push(embeddedDir);
  log("embedded: starting server");
  const embeddedServer = await startProductServer(embeddedDir, undefined, "embedded");
  let embedded: ModeResult;
  try {
    embedded = await benchMode(embeddedServer, "embedded");
  } finally {
    await embeddedServer.proc.stop();
  }

  // Run alone, after the product server stopped, so both never compete for the two cores.
  const bare = await benchBareFastify(embeddedDir, embeddedServer.ca);

  let postgres: ModeResult | { skipped: string };
  const database = await createBenchDatabase();
  if (!database) {
    postgres = { skipped: "PostgreSQL not reachable at 127.0.0.1:5432" };
    log(postgres.skipped);
    if (args["require-postgres"]) exitCode = 1;
  } else {
    cleanups.push(database.drop);
    const pgDir = await mkdtemp(join(tmpdir(), "enclave-bench-pg-"));
    tempDirs.push(pgDir);
    log("postgres: starting server");
    const pgServer = await startProductServer(pgDir, database.url, "postgres");
    try {
      postgres = await benchMode(pgServer, "postgres");
    } finally {
      await pgServer.proc.stop();
    }
  }

  const saleRequests = (m: ModeResult) => round((2 * m.sales_per_s) / m.healthz_rps, 3);
  const pgRun = "sales_per_s" in postgres ? postgres : undefined;
  const report = {
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, node: process.version },
    settings: { concurrency, duration_s: durationMs / 1000, warmup_s: WARMUP_MS / 1000 },
    embedded,
    postgres,
    bare_fastify_rps: bare.per_s,
    bare_fastify_p99_ms: bare.p99_ms,
    ratios: {
      // How much of the framework+TLS ceiling the product keeps on its cheapest route.
      healthz_vs_bare: {
        embedded: round(embedded.healthz_rps / bare.per_s, 3),
        postgres: pgRun ? round(pgRun.healthz_rps / bare.per_s, 3) : null,
      },
      // HTTP requests/s spent on sales (2 per sale) as a share of the trivial-route ceiling.
      sale_requests_vs_healthz: {
        embedded: saleRequests(embedded),
        postgres: pgRun ? saleRequests(pgRun) : null,
      },
    },
    targets: {
      embedded_200_sales_per_s: embedded.sales_per_s >= 200 ? "met" : "missed",
      postgres_500_sales_per_s: pgRun ? (pgRun.sales_per_s >= 500 ? "met" : "missed") : "skipped",
      postgres_p99_under_50_ms: pgRun ? (pgRun.p99_ms < 50 ? "met" : "missed") : "skipped",
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  await killAll();
  for (const cleanup of cleanups) await cleanup().catch((e: unknown) => log(`cleanup: ${String(e)}`));
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
