import { Pool } from "undici";

/** One unit of work done by a virtual client: resolves "ok" or an error label to count. */
export type Op = () => Promise<"ok" | string>;

export interface LoadResult {
  /** Completed ok operations per second over the measured window (warm-up excluded). */
  per_s: number;
  count: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  errors_by_kind: Record<string, number>;
}

/**
 * Runs `concurrency` closed-loop virtual clients: each starts its next operation as soon as the
 * previous one ends. Everything stops by time (warm-up + duration); only operations that *start*
 * after the warm-up are counted, so cold JIT and connection setup stay out of the figures.
 */
export async function runLoad(op: Op, opts: { concurrency: number; warmupMs: number; durationMs: number }) {
  const start = process.hrtime.bigint();
  const measureFrom = start + BigInt(opts.warmupMs) * 1_000_000n;
  const end = measureFrom + BigInt(opts.durationMs) * 1_000_000n;
  const latencies: number[] = [];
  const errorsByKind: Record<string, number> = {};
  let errors = 0;
  let lastEnd = measureFrom;

  const client = async () => {
    for (;;) {
      const t0 = process.hrtime.bigint();
      if (t0 >= end) return;
      let outcome: string;
      try {
        outcome = await op();
      } catch (error) {
        outcome = `exception:${(error as { code?: string }).code ?? (error as Error).name}`;
      }
      const t1 = process.hrtime.bigint();
      if (t0 < measureFrom) continue;
      if (t1 > lastEnd) lastEnd = t1;
      if (outcome === "ok") latencies.push(Number(t1 - t0) / 1e6);
      else {
        errors++;
        errorsByKind[outcome] = (errorsByKind[outcome] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, client));

  // The window is the configured duration plus the tail of operations started just before its end.
  const windowS = Number(lastEnd - measureFrom) / 1e9 || opts.durationMs / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length
      ? round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0)
      : 0;
  return {
    per_s: round(latencies.length / windowS, 1),
    count: latencies.length,
    p50_ms: pct(50),
    p90_ms: pct(90),
    p99_ms: pct(99),
    max_ms: round(latencies.at(-1) ?? 0),
    errors,
    errors_by_kind: errorsByKind,
  } satisfies LoadResult;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * An HTTPS pool to one loopback origin trusting exactly the generated CA (no system roots, no
 * `rejectUnauthorized: false`), one connection per virtual client so nobody queues client-side.
 */
export function httpsPool(origin: string, ca: string, connections: number): Pool {
  return new Pool(origin, {
    connections,
    pipelining: 1,
    connect: { ca },
    keepAliveTimeout: 30_000,
  });
}

/** A GET whose body is drained; anything but 200 is an error labelled by status. */
export function getOp(pool: Pool, path: string): Op {
  return async () => {
    const res = await pool.request({ method: "GET", path });
    await res.body.dump();
    return res.statusCode === 200 ? "ok" : `http_${res.statusCode}`;
  };
}
