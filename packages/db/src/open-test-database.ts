import { randomBytes } from "node:crypto";
import type { Database } from "./database.ts";
import { migrate } from "./migrate.ts";
import { openPglite } from "./open-pglite.ts";
import { openPostgres } from "./open-postgres.ts";

/**
 * A migrated database for one test file: in-memory PGlite, or — when `DATABASE_URL` is set —
 * a fresh schema of its own on that PostgreSQL server, dropped on close, so test files never see
 * each other's rows. If `DATABASE_URL` is set and the server does not answer, this throws: a
 * storage suite never passes silently without its server.
 */
export async function openTestDatabase(options: { migrated?: boolean } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  let db: Database;
  if (url) {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const admin = await openPostgres({ url, poolSize: 1 }).catch((error: unknown) => {
      throw new Error(`DATABASE_URL is set but the PostgreSQL server does not answer (${(error as Error).message})`);
    });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const inner = await openPostgres({ url, poolSize: 8, searchPath: schema });
    db = {
      ...inner,
      async close() {
        await inner.exec(`DROP SCHEMA ${schema} CASCADE`);
        await inner.close();
      },
    };
  } else {
    db = await openPglite();
  }
  if (options.migrated !== false) await migrate(db);
  return db;
}
