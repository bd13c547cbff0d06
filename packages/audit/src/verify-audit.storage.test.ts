import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { type Database, openTestDatabase, type Queryable } from "@enclave/db";
import { appendAuditEntry } from "./append-audit-entry.ts";
import { canonicalizeJson, type JsonValue } from "./canonicalize-json.ts";
import type { AuditCheckpoint } from "./checkpoint-statement.ts";
import { createCheckpoint } from "./create-checkpoint.ts";
import { hashAuditEntry } from "./hash-audit-entry.ts";
import { type AuditSigner, loadOrCreateAuditSigningKey } from "./load-or-create-audit-signing-key.ts";
import { asDba, sampleEntry, seedTrail } from "./testing.ts";
import { toBuffer } from "./to-buffer.ts";
import { type AuditProblem, type VerifyAuditResult, verifyAudit } from "./verify-audit.ts";

const engine = process.env.DATABASE_URL ? "the PostgreSQL server" : "PGlite";
const newSigner = () =>
  loadOrCreateAuditSigningKey({
    envKey: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  });

function assertFirstBad(result: VerifyAuditResult, expected: Partial<AuditProblem>): AuditProblem[] {
  assert.equal(result.ok, false, "tampering must be detected");
  if (result.ok) return [];
  for (const [key, value] of Object.entries(expected)) {
    assert.equal(
      result.firstBad[key as keyof AuditProblem],
      value,
      `firstBad.${key}: ${JSON.stringify(result.firstBad)}`,
    );
  }
  assert.ok(result.firstBad.message.length > 10);
  return result.problems;
}

interface Row {
  id: string;
  lane: number;
  seq: number;
  body: string;
  prev_hash: unknown;
  hash: unknown;
}

describe(`verifyAudit on ${engine}`, () => {
  let db: Database;
  let signer: AuditSigner;
  let lane: number;
  let run: Array<{ id: string; seq: number }>;
  let checkpoint: AuditCheckpoint;
  const verify = (publicKeys = [signer.publicKeyPem]) => verifyAudit(db, { publicKeys, pageSize: 3 });
  const row = async (q: Queryable, id: string) =>
    (await q.query<Row>("SELECT id, lane, seq, body, prev_hash, hash FROM audit_entries WHERE id = $1", [id]))
      .rows[0] as Row;
  const at = (i: number) => run[i] as { id: string; seq: number };

  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db.close());

  beforeEach(async () => {
    // Each test starts from an empty trail: reset as a DBA would (one database per file keeps
    // the PGlite run fast), restoring the constraint one test drops.
    await asDba(db, async (tx) => {
      await tx.query("TRUNCATE audit_entries, audit_checkpoints");
      await tx.query("UPDATE audit_lanes SET seq = 0, head_hash = decode(repeat('00', 32), 'hex')");
      await tx.query("ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS audit_entries_lane_seq_key");
      await tx.query("ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_lane_seq_key UNIQUE (lane, seq)");
    });
    signer = await newSigner();
    ({ lane, run } = await seedTrail(db, { singles: 12, run: 6 }));
    checkpoint = await createCheckpoint(db, signer);
  });

  it("passes a clean trail, and counts entries not yet under a checkpoint", async () => {
    const clean = await verify();
    assert.deepEqual(clean, { ok: true, entries: 18, lanes: 32, checkpoints: 1, unvouchedEntries: 0 });
    await db.transaction((tx) => appendAuditEntry(tx, sampleEntry()));
    const later = await verify();
    assert.deepEqual(later, { ok: true, entries: 19, lanes: 32, checkpoints: 1, unvouchedEntries: 1 });
  });

  it("detects an edited body and names that entry", async () => {
    await asDba(db, (tx) =>
      tx
        .query(
          `UPDATE audit_entries SET body = replace(body, '"outcome":"success"', '"outcome":"denied"'), outcome = 'denied'
           WHERE id = $1`,
          [at(2).id],
        )
        .then(() => undefined),
    );
    assertFirstBad(await verify(), { reason: "hash_mismatch", lane, seq: at(2).seq, entryId: at(2).id });
  });

  it("detects an indexed column edited apart from the body (entry moved to another merchant)", async () => {
    await asDba(db, async (tx) => {
      await tx.query("UPDATE audit_entries SET merchant_id = 'mer_other' WHERE id = $1", [at(1).id]);
    });
    const problems = assertFirstBad(await verify(), {
      reason: "column_mismatch",
      lane,
      seq: at(1).seq,
      entryId: at(1).id,
    });
    assert.match(problems[0]?.message ?? "", /merchant_id/);
  });

  it("detects an edited time column", async () => {
    await asDba(db, async (tx) => {
      await tx.query("UPDATE audit_entries SET created_at = created_at - interval '1 day' WHERE id = $1", [at(4).id]);
    });
    assertFirstBad(await verify(), { reason: "column_mismatch", lane, seq: at(4).seq, entryId: at(4).id });
  });

  it("detects an edit whose own hash was recomputed, at the link to the next entry", async () => {
    await asDba(db, async (tx) => {
      const r = await row(tx, at(2).id);
      const body = r.body.replace('"outcome":"success"', '"outcome":"denied"');
      const hash = hashAuditEntry({ prevHash: toBuffer(r.prev_hash), lane, seq: r.seq, body });
      await tx.query("UPDATE audit_entries SET body = $2, outcome = 'denied', hash = $3 WHERE id = $1", [
        r.id,
        body,
        hash,
      ]);
    });
    assertFirstBad(await verify(), { reason: "broken_link", lane, seq: at(3).seq, entryId: at(3).id });
  });

  it("detects a rewrite of the whole rest of the lane through the signed checkpoint", async () => {
    // The strongest attack on the chain alone: edit an entry, recompute every later hash and the
    // head. Only a checkpoint signed before the rewrite can tell.
    await asDba(db, async (tx) => {
      let prev: Buffer | undefined;
      for (let i = 2; i < run.length; i++) {
        const r = await row(tx, at(i).id);
        const body = i === 2 ? r.body.replace('"outcome":"success"', '"outcome":"denied"') : r.body;
        const hash = hashAuditEntry({ prevHash: prev ?? toBuffer(r.prev_hash), lane, seq: r.seq, body });
        await tx.query("UPDATE audit_entries SET body = $2, outcome = $3, prev_hash = $4, hash = $5 WHERE id = $1", [
          r.id,
          body,
          i === 2 ? "denied" : "success",
          prev ?? toBuffer(r.prev_hash),
          hash,
        ]);
        prev = hash;
      }
      await tx.query("UPDATE audit_lanes SET head_hash = $2 WHERE lane = $1", [lane, prev]);
    });
    const last = at(run.length - 1);
    assertFirstBad(await verify(), {
      reason: "checkpoint_hash_mismatch",
      lane,
      seq: last.seq,
      entryId: last.id,
      checkpointId: checkpoint.id,
    });
  });

  it("detects a deleted entry and names the gap and the entry after it", async () => {
    await asDba(db, async (tx) => {
      await tx.query("DELETE FROM audit_entries WHERE id = $1", [at(2).id]);
    });
    assertFirstBad(await verify(), { reason: "seq_gap", lane, seq: at(2).seq, entryId: at(3).id });
  });

  it("detects a forged entry inserted mid-chain (duplicate position)", async () => {
    await asDba(db, async (tx) => {
      await tx.query("ALTER TABLE audit_entries DROP CONSTRAINT audit_entries_lane_seq_key");
      const genuine = await row(tx, at(2).id);
      const id = `aud_${"f".repeat(32)}`;
      const body = canonicalizeJson({ ...(JSON.parse(genuine.body) as Record<string, JsonValue>), id });
      const hash = hashAuditEntry({ prevHash: toBuffer(genuine.prev_hash), lane, seq: genuine.seq, body });
      await tx.query(
        `INSERT INTO audit_entries SELECT $1, lane, seq, created_at, merchant_id, actor_type, actor_id, action, outcome,
           resource_type, resource_id, $2, prev_hash, $3 FROM audit_entries WHERE id = $4`,
        [id, body, hash, genuine.id],
      );
    });
    assertFirstBad(await verify(), {
      reason: "seq_repeated",
      lane,
      seq: at(2).seq,
      entryId: `aud_${"f".repeat(32)}`,
    });
  });

  it("detects a forged entry appended past the lane head", async () => {
    const last = at(run.length - 1);
    const forgedId = `aud_${"e".repeat(32)}`;
    await asDba(db, async (tx) => {
      const r = await row(tx, last.id);
      const body = canonicalizeJson({ ...(JSON.parse(r.body) as Record<string, JsonValue>), id: forgedId });
      const hash = hashAuditEntry({ prevHash: toBuffer(r.hash), lane, seq: r.seq + 1, body });
      await tx.query(
        `INSERT INTO audit_entries SELECT $1, lane, seq + 1, created_at, merchant_id, actor_type, actor_id, action,
           outcome, resource_type, resource_id, $2, hash, $3 FROM audit_entries WHERE id = $4`,
        [forgedId, body, hash, last.id],
      );
    });
    assertFirstBad(await verify(), { reason: "beyond_head", lane, seq: last.seq + 1, entryId: forgedId });
  });

  it("shows a perfect forged append (head moved too) as not yet vouched for by any checkpoint", async () => {
    // The limit of an unkeyed chain: whoever can write the tables can extend a lane. What a
    // checkpoint already covers stays provable; the forgery stays outside that coverage.
    const last = at(run.length - 1);
    await asDba(db, async (tx) => {
      const r = await row(tx, last.id);
      const forgedId = `aud_${"e".repeat(32)}`;
      const body = canonicalizeJson({ ...(JSON.parse(r.body) as Record<string, JsonValue>), id: forgedId });
      const hash = hashAuditEntry({ prevHash: toBuffer(r.hash), lane, seq: r.seq + 1, body });
      await tx.query(
        `INSERT INTO audit_entries SELECT $1, lane, seq + 1, created_at, merchant_id, actor_type, actor_id, action,
           outcome, resource_type, resource_id, $2, hash, $3 FROM audit_entries WHERE id = $4`,
        [forgedId, body, hash, last.id],
      );
      await tx.query("UPDATE audit_lanes SET seq = seq + 1, head_hash = $2 WHERE lane = $1", [lane, hash]);
    });
    const result = await verify();
    assert.equal(result.ok, true);
    assert.equal(result.unvouchedEntries, 1);
  });

  it("detects two entries swapped", async () => {
    await asDba(db, async (tx) => {
      await tx.query("UPDATE audit_entries SET seq = 1000000 WHERE id = $1", [at(2).id]);
      await tx.query("UPDATE audit_entries SET seq = $2 WHERE id = $1", [at(3).id, at(2).seq]);
      await tx.query("UPDATE audit_entries SET seq = $2 WHERE id = $1", [at(2).id, at(3).seq]);
    });
    const problems = assertFirstBad(await verify(), {
      reason: "hash_mismatch",
      lane,
      seq: at(2).seq,
      entryId: at(3).id,
    });
    assert.ok(problems.some((p) => p.reason === "hash_mismatch" && p.entryId === at(2).id && p.seq === at(3).seq));
  });

  it("detects an entry moved to another lane", async () => {
    await asDba(db, async (tx) => {
      const other = (
        await tx.query<{ lane: number; seq: number }>("SELECT lane, seq FROM audit_lanes WHERE lane <> $1 LIMIT 1", [
          lane,
        ])
      ).rows[0] as { lane: number; seq: number };
      await tx.query("UPDATE audit_entries SET lane = $2, seq = $3 WHERE id = $1", [
        at(run.length - 1).id,
        other.lane,
        other.seq + 1,
      ]);
    });
    const result = await verify();
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(result.problems.some((p) => p.reason === "tail_missing" && p.lane === lane));
    assert.ok(result.problems.some((p) => p.reason === "hash_mismatch" && p.entryId === at(run.length - 1).id));
  });

  it("detects a cut tail through the lane head", async () => {
    await asDba(db, async (tx) => {
      await tx.query("DELETE FROM audit_entries WHERE lane = $1 AND seq >= $2", [lane, at(4).seq]);
    });
    assertFirstBad(await verify(), { reason: "tail_missing", lane, seq: at(4).seq });
  });

  it("detects a cut tail with the head rewound through the signed checkpoint", async () => {
    await asDba(db, async (tx) => {
      await tx.query("DELETE FROM audit_entries WHERE lane = $1 AND seq >= $2", [lane, at(4).seq]);
      const kept = await row(tx, at(3).id);
      await tx.query("UPDATE audit_lanes SET seq = $2, head_hash = $3 WHERE lane = $1", [lane, kept.seq, kept.hash]);
    });
    assertFirstBad(await verify(), {
      reason: "checkpoint_entry_missing",
      lane,
      seq: at(4).seq,
      checkpointId: checkpoint.id,
    });
  });

  it("detects a cut tail with the head rewound and the checkpoints deleted, given a checkpoint kept elsewhere", async () => {
    await asDba(db, async (tx) => {
      await tx.query("DELETE FROM audit_entries WHERE lane = $1 AND seq >= $2", [lane, at(4).seq]);
      const kept = await row(tx, at(3).id);
      await tx.query("UPDATE audit_lanes SET seq = $2, head_hash = $3 WHERE lane = $1", [lane, kept.seq, kept.hash]);
      await tx.query("DELETE FROM audit_checkpoints");
    });
    // From inside the database alone this is invisible: that is why checkpoints are shipped out.
    assert.equal((await verify()).ok, true);
    const anchored = await verifyAudit(db, {
      publicKeys: [signer.publicKeyPem],
      anchors: [{ statement: checkpoint.statement, signature: checkpoint.signature }],
    });
    const problems = assertFirstBad(anchored, { reason: "checkpoint_entry_missing", lane, seq: at(4).seq });
    assert.ok(problems.some((p) => p.reason === "checkpoint_missing" && p.checkpointId === checkpoint.id));
  });

  it("detects a TRUNCATE done with the triggers off", async () => {
    await asDba(db, async (tx) => {
      await tx.query("TRUNCATE audit_entries");
    });
    const firstLane = (await db.query<{ lane: number }>("SELECT min(lane) AS lane FROM audit_lanes WHERE seq > 0"))
      .rows[0]?.lane;
    assertFirstBad(await verify(), { reason: "tail_missing", lane: firstLane, seq: 1 });
  });

  it("detects a forged checkpoint signature", async () => {
    await asDba(db, async (tx) => {
      await tx.query("UPDATE audit_checkpoints SET signature = overlay(signature placing '\\x00'::bytea from 1 for 1)");
    });
    assertFirstBad(await verify(), { reason: "checkpoint_signature_invalid", checkpointId: checkpoint.id });
  });

  it("detects a checkpoint statement edited to match a cut tail", async () => {
    await asDba(db, async (tx) => {
      const edited = JSON.parse(checkpoint.statement) as { heads: Array<{ lane: number; seq: number }> };
      for (const h of edited.heads) if (h.lane === lane) h.seq -= 1;
      await tx.query("UPDATE audit_checkpoints SET statement = $1", [canonicalizeJson(edited as never)]);
    });
    assertFirstBad(await verify(), { reason: "checkpoint_signature_invalid", checkpointId: checkpoint.id });
  });

  it("detects a checkpoint signed by an attacker's own key", async () => {
    const attacker = await newSigner();
    await asDba(db, async (tx) => {
      await tx.query("DELETE FROM audit_checkpoints");
    });
    const forged = await createCheckpoint(db, attacker);
    assertFirstBad(await verify(), { reason: "checkpoint_untrusted_key", checkpointId: forged.id });
  });

  it("trusts only the keys it is given, never the key stored with the checkpoint", async () => {
    const other = await newSigner();
    assertFirstBad(await verify([other.publicKeyPem]), {
      reason: "checkpoint_untrusted_key",
      checkpointId: checkpoint.id,
    });
    assertFirstBad(await verify([]), { reason: "checkpoint_untrusted_key" });
  });

  it("refuses a trusted key that is not Ed25519", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    await assert.rejects(verify([rsa]), { code: "PUBLIC_KEY_INVALID" });
  });
});
