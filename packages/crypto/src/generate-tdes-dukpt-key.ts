// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.
import { type Cipheriv, createCipheriv } from "node:crypto";

/** The constant XORed into a key to get its second half's key (X9.24-1:2009 A.2, step 4). */
export const TDES_DUKPT_KEY_MASK = Buffer.from("C0C0C0C000000000C0C0C0C000000000", "hex");

/** Single-DES encryptors keyed with the left halves of a key and of its C0C0… variant. */
export type TdesDukptKeyEncryptors = { readonly key: Cipheriv; readonly variant: Cipheriv };

/**
 * Builds the two single-DES encryptors of {@link generateTdesDukptKey} for a key, so a caller can
 * reuse them. Single DES is two-key TDES with K1 = K2 (OpenSSL 3 has no single DES by default).
 * Only `update()` is ever called on them (whole blocks, ECB), so padding never applies.
 */
export function createTdesDukptKeyEncryptors(key: Buffer): TdesDukptKeyEncryptors {
  const doubled = Buffer.alloc(16);
  key.copy(doubled, 0, 0, 8);
  key.copy(doubled, 8, 0, 8);
  const encryptor = createCipheriv("des-ede-ecb", doubled, null);
  for (let i = 0; i < 8; i++) {
    const b = (key[i] as number) ^ (TDES_DUKPT_KEY_MASK[i] as number);
    doubled[i] = b;
    doubled[i + 8] = b;
  }
  const variant = createCipheriv("des-ede-ecb", doubled, null);
  doubled.fill(0);
  return { key: encryptor, variant };
}

/**
 * The non-reversible key generation process of ANSI X9.24-1:2009 A.2 ("NRKGP"): from a 16-byte key
 * and the 8-byte KSN register, a new 16-byte key that cannot be walked back to its parent.
 *   right = DES(K_L, R ⊕ K_R) ⊕ K_R                      (steps 1-3)
 *   K′ = K ⊕ C0C0C0C000000000C0C0C0C000000000            (step 4)
 *   left  = DES(K′_L, R ⊕ K′_R) ⊕ K′_R                   (steps 5-7)
 * `encryptors` may carry the two single-DES ciphers for `key` (the host caches them per IPEK).
 */
export function generateTdesDukptKey(key: Buffer, register: Buffer, encryptors?: TdesDukptKeyEncryptors): Buffer {
  const own = encryptors ?? createTdesDukptKeyEncryptors(key);
  const out = Buffer.alloc(16);
  // `out` doubles as scratch: the right half is written last, over the input it was computed from.
  for (let i = 0; i < 8; i++) out[i] = (register[i] as number) ^ (key[i + 8] as number);
  const right = own.key.update(out.subarray(0, 8));
  for (let i = 0; i < 8; i++) {
    out[i] = (register[i] as number) ^ (key[i + 8] as number) ^ (TDES_DUKPT_KEY_MASK[i + 8] as number);
  }
  const left = own.variant.update(out.subarray(0, 8));
  for (let i = 0; i < 8; i++) {
    out[i] = (left[i] as number) ^ (key[i + 8] as number) ^ (TDES_DUKPT_KEY_MASK[i + 8] as number);
    out[i + 8] = (right[i] as number) ^ (key[i + 8] as number);
  }
  right.fill(0);
  left.fill(0);
  return out;
}
