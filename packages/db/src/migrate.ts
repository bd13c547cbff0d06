import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "./database.ts";
import { DbError } from "./errors.ts";

/** One forward-only schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** What `migrate` did. */
export interface MigrateResult {
  applied: Array<{ version: number; name: string }>;
  current: number;
}

const MIGRATIONS_DIR = join(import.meta.dirname, "migrations");
// Any fixed number: every process that migrates takes this advisory lock, so two servers
// starting at once apply each migration exactly once.
const MIGRATION_LOCK = 8_583_001;

/** Loads the migration files (`NNNN_name.sql`) shipped with this package, in order. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new DbError("MIGRATION_INVALID", `migration file name ${file} is not NNNN_name.sql`);
    migrations.push({
      version: Number(match[1]),
      name: match[2] as string,
      sql: await readFile(join(dir, file), "utf8"),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new DbError("MIGRATION_INVALID", `migration versions must be 1..n without gaps (at ${m.version})`);
  });
  return migrations;
}

const checksum = (sql: string) => createHash("sha256").update(sql).digest("hex");

async function ensureTable(db: Database): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

/**
 * Applies every pending migration, each in its own transaction, in version order. Refuses to
 * run when an applied migration's file has changed since (migrations are forward-only: a change
 * is a new migration).
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<MigrateResult> {
  const all = migrations ?? (await loadMigrations());
  await ensureTable(db);
  const applied: MigrateResult["applied"] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      const existing = await tx.query<{ checksum: string }>(
        "SELECT checksum FROM schema_migrations WHERE version = $1",
        [m.version],
      );
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== checksum(m.sql)) {
          throw new DbError(
            "MIGRATION_CHANGED",
            `migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`,
          );
        }
        return false;
      }
      // Migration files are trusted SQL shipped with the code; they carry no parameters.
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        checksum(m.sql),
      ]);
      return true;
    });
    if (done) applied.push({ version: m.version, name: m.name });
  }
  return { applied, current: all.length };
}

/** What `readyz` and the CLI report: the newest version applied and the newest known. */
export async function migrationStatus(
  db: Database,
  migrations?: Migration[],
): Promise<{ applied: number; latest: number; current: boolean }> {
  const all = migrations ?? (await loadMigrations());
  await ensureTable(db);
  const r = await db.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations");
  const appliedVersion = r.rows[0]?.v ?? 0;
  return { applied: appliedVersion, latest: all.length, current: appliedVersion === all.length };
}

/**
 * Splits a migration into statements on `;` at line ends, keeping `$$ … $$` bodies (functions,
 * triggers) whole. Needed because a transaction's `query` takes one statement on both engines.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  let inDollar = false;
  for (const line of sql.split("\n")) {
    const trimmed = line.trim();
    if (!inDollar && (trimmed.startsWith("--") || trimmed === "")) continue;
    current += `${line}\n`;
    const dollars = line.match(/\$\$/g)?.length ?? 0;
    if (dollars % 2 === 1) inDollar = !inDollar;
    if (!inDollar && trimmed.endsWith(";")) {
      out.push(current.trim());
      current = "";
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
