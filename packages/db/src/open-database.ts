import type { Database } from "./database.ts";
import { openPglite } from "./open-pglite.ts";
import { openPostgres } from "./open-postgres.ts";

/** Where the data lives: a PostgreSQL server URL, else embedded PGlite in a directory. */
export interface OpenDatabaseOptions {
  /** postgres://… — when set, the PostgreSQL server is used. */
  url?: string | undefined;
  /** Directory for embedded PGlite; undefined keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
}

/** Opens the database the configuration names: the server when `url` is set, else PGlite. */
export function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) {
    return openPostgres({
      url: options.url,
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    });
  }
  return openPglite(options.dataDir);
}
