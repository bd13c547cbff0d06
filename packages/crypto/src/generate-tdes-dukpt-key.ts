import type { Cipheriv } from "node:crypto";
import { createEncryptor, desKey } from "./apply-block-cipher.ts";

/** The constant XORed into a key to get its second half's key (X9.24-1:2009 A.2, step 4). */
export const TDES_DUKPT_KEY_MASK = Buffer.from("C0C0C0C000000000C0C0C0C000000000", "hex");

/** Single-DES encryptors keyed with the left halves of a key and of its C0C0… variant. */
export type TdesDukptKeyEncryptors = { readonly key: Cipheriv; readonly variant: Cipheriv };

/** Builds the two single-DES encryptors of {@link generateTdesDukptKey} for a key, to reuse them. */
export function createTdesDukptKeyEncryptors(key: Buffer): TdesDukptKeyEncryptors {
  const left = desKey(key.subarray(0, 8));
  const variantLeft = Buffer.alloc(16);
  for (let i = 0; i < 8; i++) {
    const b = (key[i] as number) ^ (TDES_DUKPT_KEY_MASK[i] as number);
    variantLeft[i] = b;
    variantLeft[i + 8] = b;
  }
  const encryptors = { key: createEncryptor("TDES", left), variant: createEncryptor("TDES", variantLeft) };
  left.fill(0);
  variantLeft.fill(0);
  return encryptors;
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
  const data = Buffer.allocUnsafe(8);
  const out = Buffer.alloc(16);
  for (let i = 0; i < 8; i++) data[i] = (register[i] as number) ^ (key[i + 8] as number);
  const right = own.key.update(data);
  for (let i = 0; i < 8; i++) out[i + 8] = (right[i] as number) ^ (key[i + 8] as number);
  for (let i = 0; i < 8; i++) {
    data[i] = (register[i] as number) ^ (key[i + 8] as number) ^ (TDES_DUKPT_KEY_MASK[i + 8] as number);
  }
  const left = own.variant.update(data);
  for (let i = 0; i < 8; i++) {
    out[i] = (left[i] as number) ^ (key[i + 8] as number) ^ (TDES_DUKPT_KEY_MASK[i + 8] as number);
  }
  data.fill(0);
  right.fill(0);
  left.fill(0);
  return out;
}
