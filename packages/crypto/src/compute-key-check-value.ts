// Hand-written from ANSI X9.24-1:2017 Annex A (A.2 legacy, A.3 CMAC) on node:crypto primitives.

import { encryptBlocks } from "./apply-block-cipher.ts";
import { assertAesKey, assertTdesKey } from "./assert-bytes.ts";
import { computeCmac } from "./compute-cmac.ts";
import { CryptoError } from "./errors.ts";

/** Options of {@link computeKeyCheckValue}. */
export type ComputeKeyCheckValueOptions = {
  /** The key to check: TDES 16/24 bytes or AES 16/24/32 bytes. */
  readonly key: Uint8Array;
  /** The key's algorithm (the same 16 bytes give different KCVs as TDES and as AES). */
  readonly algorithm: "TDES" | "AES";
  /**
   * `legacy` (X9.24-1:2017 A.2: encrypt a zero block) — TDES only, the default for TDES;
   * `cmac` (A.3: CMAC of a zero block) — the default for AES, also defined for TDES.
   */
  readonly method?: "legacy" | "cmac";
  /** Bytes to keep, 2 to 5. Defaults: 3 for legacy, 5 for CMAC (X9.24-1:2017 A.2/A.3). */
  readonly length?: number;
};

/**
 * A key check value: proves two parties (or a key ceremony's custodians) hold the same key without
 * revealing it. X9.24-1:2017 A.2 (legacy: leftmost bytes of E(K, 0…0)) for TDES, A.3 (leftmost
 * bytes of CMAC(K, 0…0)) for AES. The legacy method is refused for AES: X9.24-1:2017 replaced it
 * with A.3 because E(K, 0…0) hands out a known plaintext/ciphertext pair of the key.
 */
export function computeKeyCheckValue(options: ComputeKeyCheckValueOptions): Buffer {
  const algorithm = options.algorithm;
  if (algorithm !== "TDES" && algorithm !== "AES") {
    throw new CryptoError("KCV_INVALID", "algorithm must be TDES or AES", "algorithm");
  }
  const method = options.method ?? (algorithm === "TDES" ? "legacy" : "cmac");
  if (method !== "legacy" && method !== "cmac") {
    throw new CryptoError("KCV_INVALID", "method must be legacy or cmac", "method");
  }
  if (method === "legacy" && algorithm === "AES") {
    throw new CryptoError("KCV_INVALID", "AES keys use the CMAC method (X9.24-1:2017 A.3)", "method");
  }
  const length = options.length ?? (method === "legacy" ? 3 : 5);
  if (!Number.isInteger(length) || length < 2 || length > 5) {
    throw new CryptoError("KCV_INVALID", "length must be 2 to 5 bytes", "length");
  }
  const key = algorithm === "AES" ? assertAesKey(options.key, "key") : assertTdesKey(options.key, "key");
  const size = algorithm === "AES" ? 16 : 8;
  const full =
    method === "legacy"
      ? encryptBlocks(algorithm, key, Buffer.alloc(size))
      : computeCmac(algorithm, key, Buffer.alloc(size));
  const kcv = Buffer.from(full.subarray(0, length));
  full.fill(0);
  return kcv;
}
