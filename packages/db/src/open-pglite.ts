import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable, QueryResult } from "./database.ts";
import { INT8_OID, parseInt8 } from "./type-parsers.ts";

/**
 * Opens embedded PostgreSQL (PGlite, PostgreSQL compiled to WASM) in `dataDir`, or in memory
 * when `dataDir` is undefined. PGlite is one connection: its transactions run one at a time.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8_OID]: parseInt8 },
  });
  const wrap = (q: Pick<PGlite, "query">): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  });
  const root = wrap(pg);
  return {
    engine: "pglite",
    query: root.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
