import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "./database.ts";
import { loadMigrations, migrate, migrationStatus, splitStatements } from "./migrate.ts";
import { openTestDatabase } from "./open-test-database.ts";

describe(`migrations on ${process.env.DATABASE_URL ? "the PostgreSQL server" : "PGlite"}`, () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase({ migrated: false });
  });
  after(() => db.close());

  it("applies every migration once, in order, and reports the schema current", async () => {
    const first = await migrate(db);
    const all = await loadMigrations();
    assert.equal(first.applied.length, all.length);
    const again = await migrate(db);
    assert.equal(again.applied.length, 0);
    assert.deepEqual(await migrationStatus(db), { applied: all.length, latest: all.length, current: true });
  });

  it("refuses to run when an applied migration was edited", async () => {
    const all = await loadMigrations();
    const edited = all.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await assert.rejects(migrate(db, edited), { code: "MIGRATION_CHANGED" });
  });

  it("rolls back a failing migration whole", async () => {
    const all = await loadMigrations();
    const broken = [
      ...all,
      { version: all.length + 1, name: "broken", sql: "CREATE TABLE half_done (id int);\nSELECT no_such_function();" },
    ];
    await assert.rejects(migrate(db, broken));
    const t = await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    assert.equal(t.rows.length, 0);
    assert.equal((await migrationStatus(db)).applied, all.length);
  });

  it("parses int8 columns as numbers on both engines", async () => {
    const r = await db.query<{ n: number }>("SELECT 9007199254740991::int8 AS n");
    assert.equal(r.rows[0]?.n, Number.MAX_SAFE_INTEGER);
    await assert.rejects(db.query("SELECT 9007199254740993::int8 AS n"));
  });
});

describe("splitStatements", () => {
  it("keeps $$ bodies whole and drops comments", () => {
    const parts = splitStatements(
      "-- c\nCREATE TABLE a (x int);\nCREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n",
    );
    assert.equal(parts.length, 2);
    assert.match(parts[1] as string, /RETURN NEW;\nEND;\n\$\$ LANGUAGE plpgsql;$/);
  });
});
