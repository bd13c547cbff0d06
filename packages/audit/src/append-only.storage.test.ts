import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { type Database, openTestDatabase, SqlState } from "@enclave/db";
import { createCheckpoint } from "./create-checkpoint.ts";
import type { AuditSigner } from "./load-or-create-audit-signing-key.ts";
import { loadOrCreateAuditSigningKey } from "./load-or-create-audit-signing-key.ts";
import { seedTrail } from "./testing.ts";

const engine = process.env.DATABASE_URL ? "the PostgreSQL server" : "PGlite";

describe(`the database keeps the audit trail append-only on ${engine}`, () => {
  let db: Database;
  let signer: AuditSigner;
  before(async () => {
    db = await openTestDatabase();
    const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    signer = await loadOrCreateAuditSigningKey({ envKey: pem });
    await seedTrail(db, { singles: 3, run: 3 });
    await createCheckpoint(db, signer);
  });
  after(() => db.close());

  const refused = { code: SqlState.raiseException, message: /append-only|only move forward|must start at seq 0/ };
  const snapshot = async () =>
    JSON.stringify([
      (await db.query("SELECT * FROM audit_entries ORDER BY id")).rows,
      (await db.query("SELECT * FROM audit_lanes ORDER BY lane")).rows,
      (await db.query("SELECT * FROM audit_checkpoints ORDER BY id")).rows,
    ]);

  for (const [what, sql] of [
    ["UPDATE of an entry", "UPDATE audit_entries SET outcome = 'denied'"],
    ["UPDATE that matches no row", "UPDATE audit_entries SET outcome = 'denied' WHERE false"],
    ["DELETE of an entry", "DELETE FROM audit_entries WHERE seq = 1"],
    ["TRUNCATE of the entries", "TRUNCATE audit_entries"],
    ["UPDATE of a checkpoint", "UPDATE audit_checkpoints SET key_id = 'x'"],
    ["DELETE of a checkpoint", "DELETE FROM audit_checkpoints"],
    ["TRUNCATE of the checkpoints", "TRUNCATE audit_checkpoints"],
    ["a lane moving back", "UPDATE audit_lanes SET seq = seq - 1 WHERE seq > 0"],
    ["a lane head rewritten in place", "UPDATE audit_lanes SET head_hash = sha256(head_hash)"],
    ["a lane renumbered", "UPDATE audit_lanes SET lane = lane + 100, seq = seq + 1 WHERE lane = 0"],
    ["DELETE of a lane", "DELETE FROM audit_lanes WHERE lane = 31"],
    ["TRUNCATE of the lanes", "TRUNCATE audit_lanes CASCADE"],
    ["a new lane that starts mid-chain", "INSERT INTO audit_lanes VALUES (99, 5, decode(repeat('00', 32), 'hex'))"],
  ] as const) {
    it(`refuses ${what}, and changes nothing`, async () => {
      const before = await snapshot();
      await assert.rejects(db.query(sql), refused);
      assert.equal(await snapshot(), before);
    });
  }

  it("still refuses under session_replication_role = replica (triggers are ENABLE ALWAYS)", async () => {
    const before = await snapshot();
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query("SET LOCAL session_replication_role = replica");
        await tx.query("DELETE FROM audit_entries");
      }),
      refused,
    );
    assert.equal(await snapshot(), before);
  });

  it("lets a fresh lane be added at seq 0 with the genesis hash (more lanes need no rewrite)", async () => {
    await db.query("INSERT INTO audit_lanes VALUES (32, 0, decode(repeat('00', 32), 'hex'))");
    const r = await db.query<{ lane: number }>("SELECT lane FROM audit_lanes WHERE lane = 32");
    assert.equal(r.rows.length, 1);
  });
});
