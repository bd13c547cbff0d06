import { createHash, randomBytes } from "node:crypto";

/** The shape of a secret API key: mode prefix, then 32 base62 characters (~190 bits). */
export const API_KEY_PATTERN = /^sk_(test|live)_[0-9A-Za-z]{32}$/;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Makes a new secret `sk_<mode>_…` from a CSPRNG. */
export function generateApiKeySecret(mode: "test" | "live"): string {
  // Rejection sampling keeps every character uniformly distributed (no modulo bias).
  let body = "";
  while (body.length < 32) {
    for (const b of randomBytes(48)) {
      if (b < 248 && body.length < 32) body += BASE62[b % 62];
    }
  }
  return `sk_${mode}_${body}`;
}

/**
 * The stored form of a secret. A plain SHA-256 is right here (unlike passwords): the secret has
 * ~190 random bits, so there is nothing to brute-force and the lookup stays one index probe.
 */
export function hashApiKeySecret(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/** What is safe to show again later: the mode prefix and the last four characters. */
export function displayPrefix(secret: string): string {
  const mode = secret.startsWith("sk_live_") ? "sk_live_" : "sk_test_";
  return `${mode}…${secret.slice(-4)}`;
}
