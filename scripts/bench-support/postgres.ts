import { randomBytes } from "node:crypto";
import pg from "pg";

/** The admin connection: the bench only ever talks to a loopback PostgreSQL. */
export const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh, uniquely named database for one run so the bench never touches anyone's data
 * and starts from the same empty state each time. Returns undefined when the server is not
 * reachable (the caller reports "skipped" instead of failing).
 */
export async function createBenchDatabase(): Promise<BenchDatabase | undefined> {
  const name = `bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch {
    await admin.end().catch(() => {});
    return undefined;
  }
  try {
    // The name is generated from hex only, so interpolating it is safe.
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
      await c.connect();
      try {
        // FORCE: a server child killed hard may leave sessions behind for a moment.
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
