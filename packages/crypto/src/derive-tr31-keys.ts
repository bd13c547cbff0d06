// Hand-written from ANSI X9.143-2021 / ASC X9 TR-31:2018 on node:crypto primitives: no maintained
// JS library derives TR-31 key block keys.
import { encryptBlocks, xor } from "./apply-block-cipher.ts";
import { computeCmac } from "./compute-cmac.ts";
import type { Tr31Version } from "./tr31-tables.ts";

/** The two keys a KBPK yields for one key block: encryption (KBEK) and MAC (KBMK/KBAK). */
export type Tr31Keys = { readonly kbek: Buffer; readonly kbmk: Buffer };

/**
 * Key derivation binding method (X9.143-2021, TR-31:2018; versions B and D): KBEK and KBMK are CMAC outputs of the
 * KBPK (NIST SP 800-108 counter mode) over 8 bytes: counter ‖ usage (0000 encryption, 0001 MAC) ‖
 * 00 ‖ algorithm ‖ length in bits. TDES: 0000/0080 (2TDEA), 0001/00C0 (3TDEA); AES: 0002/0080,
 * 0003/00C0, 0004/0100.
 */
function deriveByCmac(algorithm: "AES" | "TDES", kbpk: Buffer): Tr31Keys {
  const size = algorithm === "AES" ? 16 : 8;
  const indicator =
    algorithm === "TDES" ? (kbpk.length === 16 ? 0 : 1) : kbpk.length === 16 ? 2 : kbpk.length === 24 ? 3 : 4;
  const derive = (usage: number): Buffer => {
    const parts: Buffer[] = [];
    for (let counter = 1; counter <= Math.ceil(kbpk.length / size); counter++) {
      const data = Buffer.from([counter, 0, usage, 0, 0, indicator, (kbpk.length * 8) >> 8, (kbpk.length * 8) & 0xff]);
      parts.push(computeCmac(algorithm, kbpk, data));
    }
    const joined = Buffer.concat(parts);
    for (const part of parts) part.fill(0);
    const key = Buffer.from(joined.subarray(0, kbpk.length));
    joined.fill(0);
    return key;
  };
  return { kbek: derive(0), kbmk: derive(1) };
}

/**
 * The KBEK and KBMK of a key block version: A and C use the key variant binding method (X9.143-2021, TR-31:2018:
 * KBPK ⊕ 45… and KBPK ⊕ 4D…), B derives them with TDES-CMAC, D with AES-CMAC.
 */
export function deriveTr31Keys(version: Tr31Version, kbpk: Buffer): Tr31Keys {
  if (version === "A" || version === "C") {
    return { kbek: xor(kbpk, Buffer.alloc(kbpk.length, 0x45)), kbmk: xor(kbpk, Buffer.alloc(kbpk.length, 0x4d)) };
  }
  return deriveByCmac(version === "D" ? "AES" : "TDES", kbpk);
}

/**
 * Version A/C authenticator (key variant binding method): TDES CBC-MAC (ISO 9797-1 algorithm 1, zero IV) of the
 * ASCII header ‖ the binary encrypted key data, leftmost 4 bytes.
 */
export function computeTr31VariantMac(kbmk: Buffer, header: Buffer, encrypted: Buffer): Buffer {
  const chained = encryptBlocks("TDES", kbmk, Buffer.concat([header, encrypted]), Buffer.alloc(8));
  const mac = Buffer.from(chained.subarray(chained.length - 8, chained.length - 4));
  chained.fill(0);
  return mac;
}
