import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { AuditError } from "./errors.ts";

/** A trusted checkpoint-signing public key, ready for verification. */
export interface AuditPublicKey {
  /** SHA-256 of the key's SPKI DER encoding, lowercase hex: what checkpoints name as `key_id`. */
  keyId: string;
  key: KeyObject;
}

/**
 * Parses an Ed25519 public key (SPKI PEM, as `loadOrCreateAuditSigningKey` exports it) and
 * computes its key id.
 *
 * @throws AuditError PUBLIC_KEY_INVALID when it is not an Ed25519 public key.
 */
export function parseAuditPublicKey(pem: string): AuditPublicKey {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch (error) {
    throw new AuditError("PUBLIC_KEY_INVALID", "audit public key is not a PEM public key", { cause: error });
  }
  // Only Ed25519: a verifier that accepted any algorithm could be handed a weaker one.
  if (key.asymmetricKeyType !== "ed25519")
    throw new AuditError("PUBLIC_KEY_INVALID", `audit public key is ${key.asymmetricKeyType}, not ed25519`);
  return { keyId: auditKeyId(key), key };
}

/** The key id of a public key: SHA-256 over its SPKI DER encoding, lowercase hex. */
export function auditKeyId(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
}
