import assert from "node:assert/strict";
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { type Database, openTestDatabase, type Queryable } from "@enclave/db";
import { appendAuditEntry } from "./append-audit-entry.ts";
import { createCheckpoint } from "./create-checkpoint.ts";
import { listCheckpoints } from "./list-checkpoints.ts";
import { type AuditSigner, loadOrCreateAuditSigningKey } from "./load-or-create-audit-signing-key.ts";
import { startCheckpointTimer } from "./start-checkpoint-timer.ts";
import { sampleEntry } from "./testing.ts";
import { toBuffer } from "./to-buffer.ts";

const engine = process.env.DATABASE_URL ? "the PostgreSQL server" : "PGlite";

describe(`checkpoints on ${engine}`, () => {
  let db: Database;
  let signer: AuditSigner;
  before(async () => {
    db = await openTestDatabase();
    signer = await loadOrCreateAuditSigningKey({
      envKey: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    });
  });
  after(() => db.close());

  it("signs every lane head; the signature verifies with plain node:crypto", async () => {
    const e = await db.transaction((tx) => appendAuditEntry(tx, sampleEntry()));
    const cp = await createCheckpoint(db, signer);
    assert.match(cp.id, /^acp_[0-9a-f]{32}$/);
    assert.equal(cp.keyId, signer.keyId);
    assert.equal(cp.heads.length, 32);
    assert.deepEqual(
      cp.heads.find((h) => h.lane === e.lane),
      { lane: e.lane, seq: e.seq, hash: e.hash },
    );
    assert.ok(cp.heads.filter((h) => h.lane !== e.lane).every((h) => h.seq === 0 && /^0{64}$/.test(h.hash)));
    const statement = JSON.parse(cp.statement);
    assert.deepEqual(Object.keys(statement), ["heads", "id", "key_id", "time", "type", "v"]);
    assert.equal(statement.type, "enclave.audit.checkpoint");
    assert.equal(statement.time, cp.time.toISOString());
    const ok = verify(
      null,
      Buffer.from(cp.statement, "utf8"),
      createPublicKey(signer.publicKeyPem),
      Buffer.from(cp.signature, "base64"),
    );
    assert.ok(ok);
    const stored = (
      await db.query<{ signature: unknown }>("SELECT signature FROM audit_checkpoints WHERE id = $1", [cp.id])
    ).rows[0];
    assert.equal(toBuffer(stored?.signature).length, 64);
  });

  it("with onlyIfChanged, gives back the latest checkpoint while nothing moved", async () => {
    const first = await createCheckpoint(db, signer, { onlyIfChanged: true });
    const again = await createCheckpoint(db, signer, { onlyIfChanged: true });
    assert.equal(again.id, first.id);
    await db.transaction((tx) => appendAuditEntry(tx, sampleEntry()));
    const moved = await createCheckpoint(db, signer, { onlyIfChanged: true });
    assert.notEqual(moved.id, first.id);
  });

  it("lists checkpoints newest first with a cursor", async () => {
    for (let i = 0; i < 3; i++) await createCheckpoint(db, signer);
    const all = (await listCheckpoints(db, { limit: 100 })).data;
    assert.ok(all.length >= 5);
    const ids = all.map((c) => c.id);
    assert.deepEqual([...ids].sort().reverse(), ids);
    const first = await listCheckpoints(db, { limit: 2 });
    assert.equal(first.hasMore, true);
    const second = await listCheckpoints(db, { limit: 2, startingAfter: first.data[1]?.id });
    assert.deepEqual(
      [...first.data, ...second.data].map((c) => c.id),
      ids.slice(0, 4),
    );
    await assert.rejects(listCheckpoints(db, { limit: 0 }), { code: "LIST_PARAMS_INVALID" });
    await assert.rejects(listCheckpoints(db, { startingAfter: "' OR 1=1 --" }), { code: "LIST_PARAMS_INVALID" });
  });

  it("never waits for a transaction that holds a lane, and leaves its uncommitted entry out", {
    skip: !process.env.DATABASE_URL && "PGlite runs one transaction at a time",
  }, async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let appended: { lane: number; seq: number } | undefined;
    const open = db.transaction(async (tx) => {
      appended = await appendAuditEntry(tx, sampleEntry());
      await held;
    });
    while (!appended) await new Promise((r) => setTimeout(r, 5));
    const cp = await createCheckpoint(db, signer);
    assert.equal(cp.heads.find((h) => h.lane === appended?.lane)?.seq, (appended?.seq ?? 0) - 1);
    release();
    await open;
  });

  it("the timer signs when the heads move, never overlaps, and stops cleanly", async () => {
    const taken: string[] = [];
    const errors: unknown[] = [];
    const stop = startCheckpointTimer(db, signer, {
      intervalMs: 10,
      onError: (e) => errors.push(e),
      onCheckpoint: (c) => taken.push(c.id),
    });
    await db.transaction((tx) => appendAuditEntry(tx, sampleEntry()));
    const deadline = Date.now() + 5000;
    while (taken.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await stop();
    assert.deepEqual(errors, []);
    assert.ok(taken.length >= 3);
    // Idle heads: every tick after the first handed back the same checkpoint.
    assert.equal(new Set(taken.slice(1)).size, 1);
    const count = taken.length;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(taken.length, count, "no run after stop");
  });

  it("the timer reports failures to onError and keeps going, even when onError throws", async () => {
    let calls = 0;
    const broken: Queryable = {
      query: async () => {
        calls++;
        throw new Error("database unreachable");
      },
    };
    const seen: unknown[] = [];
    const stop = startCheckpointTimer(broken, signer, {
      intervalMs: 10,
      onError: (e) => {
        seen.push(e);
        throw new Error("a reporter that throws");
      },
    });
    const deadline = Date.now() + 5000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await stop();
    assert.ok(seen.length >= 2 && calls >= 2);
    assert.match(String(seen[0]), /database unreachable/);
    assert.throws(() => startCheckpointTimer(db, signer, { intervalMs: 0, onError: () => {} }), RangeError);
  });
});
