import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AUDIT_GENESIS_HASH, hashAuditEntry } from "./hash-audit-entry.ts";

// Computed independently with openssl (see docs/audit.md, "Re-implementing the verifier"):
//   (head -c 32 /dev/zero; printf '\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\x01';
//    printf '%s' '{"v":1,"x":"é"}' | openssl dgst -sha256 -binary) | openssl dgst -sha256
const FIRST = "94d3497b203562b68dbec44e2a3847c3a04cfeecfefce59997491af4bc6ebe5a";
// prev = FIRST, lane 31, seq 2^32 + 2 (tests the high word of the 64-bit seq), body {"n":2}.
const SECOND = "651a8a6c4c4128733ce3fa85e07c2406111bba58a69f869d02a65b5ce8510c9a";

describe("hashAuditEntry", () => {
  it("matches hashes computed with openssl", () => {
    const first = hashAuditEntry({ prevHash: AUDIT_GENESIS_HASH, lane: 5, seq: 1, body: '{"v":1,"x":"é"}' });
    assert.equal(first.toString("hex"), FIRST);
    const second = hashAuditEntry({ prevHash: first, lane: 31, seq: 2 ** 32 + 2, body: '{"n":2}' });
    assert.equal(second.toString("hex"), SECOND);
  });

  it("changes with the lane, the seq, the previous hash and every byte of the body", () => {
    const base = { prevHash: AUDIT_GENESIS_HASH, lane: 5, seq: 1, body: '{"v":1,"x":"é"}' };
    const h = hashAuditEntry(base).toString("hex");
    assert.notEqual(hashAuditEntry({ ...base, lane: 6 }).toString("hex"), h);
    assert.notEqual(hashAuditEntry({ ...base, seq: 2 }).toString("hex"), h);
    assert.notEqual(hashAuditEntry({ ...base, prevHash: Buffer.alloc(32, 1) }).toString("hex"), h);
    assert.notEqual(hashAuditEntry({ ...base, body: '{"v":1,"x":"e"}' }).toString("hex"), h);
  });

  it("refuses malformed inputs", () => {
    assert.throws(() => hashAuditEntry({ prevHash: Buffer.alloc(31), lane: 0, seq: 1, body: "{}" }), RangeError);
    assert.throws(() => hashAuditEntry({ prevHash: AUDIT_GENESIS_HASH, lane: -1, seq: 1, body: "{}" }), RangeError);
    assert.throws(() => hashAuditEntry({ prevHash: AUDIT_GENESIS_HASH, lane: 0, seq: 0, body: "{}" }), RangeError);
  });
});
