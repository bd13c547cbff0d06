import assert from "node:assert/strict";
import { createHash, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AUDIT_SIGNING_KEY_FILE, loadOrCreateAuditSigningKey } from "./load-or-create-audit-signing-key.ts";
import { parseAuditPublicKey } from "./parse-audit-public-key.ts";

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "audit-key-"));
  dirs.push(dir);
  return dir;
};
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("loadOrCreateAuditSigningKey", () => {
  it("creates a 0600 key file on first use and loads the same key afterwards", async () => {
    const dataDir = join(await tempDir(), "nested");
    const first = await loadOrCreateAuditSigningKey({ dataDir });
    const file = join(dataDir, AUDIT_SIGNING_KEY_FILE);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.match(await readFile(file, "utf8"), /^-----BEGIN PRIVATE KEY-----/);
    const second = await loadOrCreateAuditSigningKey({ dataDir });
    assert.equal(second.keyId, first.keyId);
    assert.equal(second.publicKeyPem, first.publicKeyPem);
  });

  it("two loads racing on an empty directory end up with one key", async () => {
    const dataDir = await tempDir();
    const signers = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateAuditSigningKey({ dataDir })));
    assert.equal(new Set(signers.map((s) => s.keyId)).size, 1);
  });

  it("signs with Ed25519 and names the key by the SHA-256 of its SPKI DER", async () => {
    const signer = await loadOrCreateAuditSigningKey({ dataDir: await tempDir() });
    const message = Buffer.from("checkpoint");
    const signature = signer.sign(message);
    const publicKey = createPublicKey(signer.publicKeyPem);
    assert.equal(publicKey.asymmetricKeyType, "ed25519");
    assert.ok(verify(null, message, publicKey, signature));
    const der = publicKey.export({ type: "spki", format: "der" });
    assert.equal(signer.keyId, createHash("sha256").update(der).digest("hex"));
    assert.equal(parseAuditPublicKey(signer.publicKeyPem).keyId, signer.keyId);
  });

  it("prefers AUDIT_SIGNING_KEY, as PEM or as base64 DER, and never writes a file for it", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const der = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
    const dataDir = await tempDir();
    const fromPem = await loadOrCreateAuditSigningKey({ dataDir, envKey: pem });
    const fromDer = await loadOrCreateAuditSigningKey({ dataDir, envKey: der });
    const expected = publicKey.export({ type: "spki", format: "pem" }).toString();
    assert.equal(fromPem.publicKeyPem, expected);
    assert.equal(fromDer.keyId, fromPem.keyId);
    await assert.rejects(stat(join(dataDir, AUDIT_SIGNING_KEY_FILE)), { code: "ENOENT" });
  });

  it("refuses a key that is not Ed25519, garbage, or no source at all — without echoing the key", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" });
    await assert.rejects(loadOrCreateAuditSigningKey({ envKey: rsa.toString() }), { code: "SIGNING_KEY_INVALID" });
    const garbage = "c2VjcmV0LWtleS1tYXRlcmlhbA==";
    await assert.rejects(loadOrCreateAuditSigningKey({ envKey: garbage }), (error: Error & { code?: string }) => {
      assert.equal(error.code, "SIGNING_KEY_INVALID");
      assert.ok(!error.message.includes(garbage));
      return true;
    });
    await assert.rejects(loadOrCreateAuditSigningKey({}), { code: "SIGNING_KEY_UNAVAILABLE" });
  });

  it("refuses a key file other users can read", { skip: process.platform === "win32" }, async () => {
    const dataDir = await tempDir();
    await loadOrCreateAuditSigningKey({ dataDir });
    await chmod(join(dataDir, AUDIT_SIGNING_KEY_FILE), 0o644);
    await assert.rejects(loadOrCreateAuditSigningKey({ dataDir }), { code: "SIGNING_KEY_UNAVAILABLE" });
  });

  it("refuses a public key that is not Ed25519", () => {
    const rsaPublic = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    assert.throws(() => parseAuditPublicKey(rsaPublic), { code: "PUBLIC_KEY_INVALID" });
    assert.throws(() => parseAuditPublicKey("not a key"), { code: "PUBLIC_KEY_INVALID" });
  });
});
