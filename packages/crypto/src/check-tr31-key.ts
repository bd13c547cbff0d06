// Hand-written from ANSI X9.143-2021 / ASC X9 TR-31:2018: no maintained JS library checks TR-31
// key blocks.
import { CryptoError } from "./errors.ts";
import type { Tr31Header } from "./tr31-tables.ts";

/** Security strength in bits of a symmetric key (NIST SP 800-57 Part 1 Table 2). */
function strengthOf(algorithm: string, length: number): number {
  if (algorithm === "T") return length === 24 ? 112 : 80;
  return length * 8;
}

/**
 * Checks the wrapped key matches its header and its protection (X9.143-2021): a TDES key is
 * 16 or 24 bytes, an AES key 16, 24 or 32, and no symmetric key is stronger than the KBPK protecting
 * it — wrapping an AES-256 key under a TDES KBPK would cap it at TDES strength.
 */
export function assertTr31Key(header: Tr31Header, key: Buffer, kbpk: Buffer, param: string): void {
  const algorithm = header.algorithm;
  if (key.length === 0) throw new CryptoError("KEY_BLOCK_INVALID", "the wrapped key is empty", param);
  if (algorithm === "T" && key.length !== 16 && key.length !== 24) {
    throw new CryptoError("KEY_BLOCK_INVALID", "a TDES key (algorithm T) must be 16 or 24 bytes", param);
  }
  if (algorithm === "A" && key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CryptoError("KEY_BLOCK_INVALID", "an AES key (algorithm A) must be 16, 24 or 32 bytes", param);
  }
  if (algorithm === "T" || algorithm === "A") {
    const kbpkStrength = strengthOf(header.versionId === "D" ? "A" : "T", kbpk.length);
    if (strengthOf(algorithm, key.length) > kbpkStrength) {
      throw new CryptoError("KEY_BLOCK_INVALID", "the KBPK is weaker than the key it protects", param);
    }
  }
}
