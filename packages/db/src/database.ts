/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/** The result of one statement. */
export interface QueryResult<T = Row> {
  rows: T[];
  rowCount: number;
}

/**
 * Anything that runs parameterized SQL: the database itself or an open transaction.
 * Only `$1`-style parameters are accepted; SQL is never built from values.
 */
export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

/** Which engine serves the PostgreSQL dialect. */
export type Engine = "pglite" | "postgres";

/** An open database: embedded PGlite or a PostgreSQL server, same SQL dialect. */
export interface Database extends Queryable {
  readonly engine: Engine;
  /**
   * Runs `fn` in one transaction (READ COMMITTED). Commits when `fn` resolves, rolls back
   * when it throws, and rethrows.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements of trusted SQL text (migrations only; no parameters). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
