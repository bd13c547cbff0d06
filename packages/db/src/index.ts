export type { Database, Engine, Queryable, QueryResult, Row } from "./database.ts";
export { DbError, type DbErrorCode, SqlState, sqlState } from "./errors.ts";
export {
  loadMigrations,
  type MigrateResult,
  type Migration,
  migrate,
  migrationStatus,
  splitStatements,
} from "./migrate.ts";
export { isId, newId } from "./new-id.ts";
export { type OpenDatabaseOptions, openDatabase } from "./open-database.ts";
export { openPglite } from "./open-pglite.ts";
export { openPostgres, type PostgresOptions } from "./open-postgres.ts";
export { openTestDatabase } from "./open-test-database.ts";
