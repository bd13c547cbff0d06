import pg from "pg";
import type { Database, Queryable, QueryResult } from "./database.ts";
import { INT8_OID, parseInt8 } from "./type-parsers.ts";

/** Options for a PostgreSQL server connection pool. */
export interface PostgresOptions {
  url: string;
  /** Pool size; the server's own `max_connections` bounds it. */
  poolSize?: number;
  /** A schema to put first on the search_path (isolated test schemas). */
  searchPath?: string;
}

/** Opens a pool on a PostgreSQL server. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 16,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
  });
  // Fail at open, with the driver's reason, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  return {
    engine: "postgres",
    query: wrap(pool).query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
