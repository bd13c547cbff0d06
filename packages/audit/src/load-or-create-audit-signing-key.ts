import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { chmod, mkdir, open, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { AuditError } from "./errors.ts";
import { auditKeyId } from "./parse-audit-public-key.ts";

/** Signs checkpoints. Holds the private key in a closure; it is never a readable property. */
export interface AuditSigner {
  /** SHA-256 of the public key's SPKI DER, lowercase hex. */
  readonly keyId: string;
  /** The Ed25519 public key, SPKI PEM: give it to whoever verifies the trail. */
  readonly publicKeyPem: string;
  /** Ed25519 signature (64 bytes) over `message`. */
  sign(message: Uint8Array): Buffer;
}

/** Where the signing key comes from. */
export interface LoadAuditSigningKeyOptions {
  /** The data directory; the key file `audit-signing-key.pem` is kept (and created) there. */
  dataDir?: string | undefined;
  /** The value of AUDIT_SIGNING_KEY: PKCS#8 PEM, or base64 of the PKCS#8 DER. Wins over the file. */
  envKey?: string | undefined;
}

/** The file name of the generated key inside the data directory. */
export const AUDIT_SIGNING_KEY_FILE = "audit-signing-key.pem";

/**
 * Loads the Ed25519 key that signs audit checkpoints: from `envKey` when set (production, from a
 * secret store), else from `audit-signing-key.pem` in `dataDir`, creating it (mode 0600) on first
 * use so a self-hosted install signs from day one.
 *
 * @throws AuditError SIGNING_KEY_INVALID when the key is not an Ed25519 PKCS#8 private key;
 *   SIGNING_KEY_UNAVAILABLE when the key file is readable by others or no source is given.
 */
export async function loadOrCreateAuditSigningKey(options: LoadAuditSigningKeyOptions): Promise<AuditSigner> {
  const envKey = options.envKey?.trim();
  if (envKey) return signerFrom(parsePrivateKey(envKey, "AUDIT_SIGNING_KEY"));
  if (!options.dataDir)
    throw new AuditError("SIGNING_KEY_UNAVAILABLE", "no AUDIT_SIGNING_KEY and no data directory for the key file");
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const path = join(options.dataDir, AUDIT_SIGNING_KEY_FILE);
  const created = await createKeyFile(path);
  if (created) return signerFrom(created);
  // Like ssh: a private key others can read may already be someone else's, so refuse it.
  if (process.platform !== "win32" && ((await stat(path)).mode & 0o077) !== 0) {
    throw new AuditError(
      "SIGNING_KEY_UNAVAILABLE",
      `${path} is readable by other users; chmod 600 it (and consider the key exposed)`,
    );
  }
  return signerFrom(parsePrivateKey(await readFile(path, "utf8"), path));
}

/** Creates the key file exclusively; returns the new key, or undefined when the file exists. */
async function createKeyFile(path: string): Promise<KeyObject | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // "wx": two processes starting at once must not both write a key; the loser reads the winner's.
    handle = await open(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  try {
    const { privateKey } = generateKeyPairSync("ed25519");
    // The umask may have narrowed the mode further, never widened it; chmod states it exactly.
    await chmod(path, 0o600);
    await handle.writeFile(privateKey.export({ type: "pkcs8", format: "pem" }));
    await handle.sync();
    return privateKey;
  } finally {
    await handle.close();
  }
}

function parsePrivateKey(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = text.includes("-----BEGIN")
      ? createPrivateKey({ key: text, format: "pem" })
      : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
  } catch (error) {
    // Name the source only: the message may end up in a log, the key text must not.
    throw new AuditError("SIGNING_KEY_INVALID", `${source} is not a PKCS#8 private key`, { cause: error });
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new AuditError("SIGNING_KEY_INVALID", `${source} is a ${key.asymmetricKeyType} key, not ed25519`);
  return key;
}

function signerFrom(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey);
  return Object.freeze({
    keyId: auditKeyId(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (message: Uint8Array) => sign(null, message, privateKey),
  });
}
