// The node:crypto block primitives every hand-written protocol here is built on (AES, TDES, and
// single DES as TDES with K1 = K2); see docs/crypto.md for why the protocols are written by hand.
import { type Cipheriv, createCipheriv, createDecipheriv, type Decipheriv } from "node:crypto";

/** The two block ciphers the payment standards here are built on. */
export type BlockAlgorithm = "AES" | "TDES";

/** Block size in bytes: 16 for AES, 8 for DES/TDES. */
export function blockSizeOf(algorithm: BlockAlgorithm): number {
  return algorithm === "AES" ? 16 : 8;
}

/**
 * The OpenSSL cipher name for a key. Single DES is not in OpenSSL 3's default provider, so an
 * 8-byte DES key is run as two-key TDES with K1 = K2 (E·D·E collapses to one E), see `desKey`.
 */
function cipherName(algorithm: BlockAlgorithm, keyLength: number, mode: "ecb" | "cbc"): string {
  if (algorithm === "AES") return `aes-${keyLength * 8}-${mode}`;
  return keyLength === 24 ? `des-ede3-${mode}` : `des-ede-${mode}`;
}

/** An encryptor without padding: callers always hand it whole blocks. */
export function createEncryptor(algorithm: BlockAlgorithm, key: Buffer, iv?: Buffer): Cipheriv {
  const cipher = createCipheriv(cipherName(algorithm, key.length, iv ? "cbc" : "ecb"), key, iv ?? null);
  cipher.setAutoPadding(false);
  return cipher;
}

/** A decryptor without padding: callers always hand it whole blocks. */
export function createDecryptor(algorithm: BlockAlgorithm, key: Buffer, iv?: Buffer): Decipheriv {
  const decipher = createDecipheriv(cipherName(algorithm, key.length, iv ? "cbc" : "ecb"), key, iv ?? null);
  decipher.setAutoPadding(false);
  return decipher;
}

/**
 * Encrypts whole blocks: ECB without `iv`, CBC with it. `final()` is skipped on purpose — with
 * padding off and whole blocks in, it has nothing to add, and skipping it is measurably faster.
 */
export function encryptBlocks(algorithm: BlockAlgorithm, key: Buffer, data: Buffer, iv?: Buffer): Buffer {
  return createEncryptor(algorithm, key, iv).update(data);
}

/** Decrypts whole blocks: ECB without `iv`, CBC with it. */
export function decryptBlocks(algorithm: BlockAlgorithm, key: Buffer, data: Buffer, iv?: Buffer): Buffer {
  return createDecryptor(algorithm, key, iv).update(data);
}

/** Builds the 16-byte K‖K key that makes two-key TDES compute single DES under K. */
export function desKey(key8: Buffer): Buffer {
  const doubled = Buffer.alloc(16);
  key8.copy(doubled, 0, 0, 8);
  key8.copy(doubled, 8, 0, 8);
  return doubled;
}

/** XORs `b` into `a` in place (lengths: `b` at least as long as `a`). */
export function xorInto(a: Buffer, b: Buffer): Buffer {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) ^ (b[i] as number);
  return a;
}

/** `a ⊕ b` into a new buffer. */
export function xor(a: Buffer, b: Buffer): Buffer {
  return xorInto(Buffer.from(a), b);
}
