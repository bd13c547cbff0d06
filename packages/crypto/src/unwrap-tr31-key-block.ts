// Hand-written from ANSI X9.143-2021 / ASC X9 TR-31:2018 on node:crypto primitives (TDES/AES-CBC,
// CMAC built on them): no maintained JS library verifies and unwraps TR-31 key blocks.

import { decryptBlocks } from "./apply-block-cipher.ts";
import { assertAesKey, assertTdesKey } from "./assert-bytes.ts";
import { assertTr31Key } from "./check-tr31-key.ts";
import { assertMacMatches } from "./compare-macs.ts";
import { computeCmac } from "./compute-cmac.ts";
import { computeTr31VariantMac, deriveTr31Keys } from "./derive-tr31-keys.ts";
import { CryptoError } from "./errors.ts";
import { parseTr31Header } from "./parse-tr31-header.ts";
import { TR31_BLOCK_SIZE, TR31_MAC_LENGTH, type Tr31Header } from "./tr31-tables.ts";

/** Options of {@link unwrapTr31KeyBlock}. */
export type UnwrapTr31KeyBlockOptions = {
  /** The key block protection key: TDES 16/24 bytes for versions A, B, C; AES 16/24/32 for D. */
  readonly kbpk: Uint8Array;
  /** The key block, as received. */
  readonly keyBlock: string;
};

/** An authenticated, decrypted key block. */
export type UnwrappedTr31Key = {
  /** The header, now authentic (the MAC covers it). */
  readonly header: Tr31Header;
  /** The clear key (caller wipes it when done). */
  readonly key: Buffer;
};

function invalid(message: string): CryptoError {
  return new CryptoError("KEY_BLOCK_INVALID", message, "keyBlock");
}

/**
 * Verifies and decrypts a TR-31 / ANSI X9.143 key block, versions A-D (X9.143-2021). The header is
 * parsed and checked first (usage, algorithm, mode of use, exportability, optional blocks), then:
 * - A/C: TDES CBC-MAC of header ‖ ciphertext verified, then TDES-CBC decryption with the header's
 *   first 8 bytes as IV, under KBPK variants;
 * - B/D: TDES-/AES-CBC decryption with the MAC as IV, then the CMAC of header ‖ clear key data
 *   verified, under CMAC-derived keys.
 * A block that was altered, or a wrong KBPK, fails with `MAC_MISMATCH`; a malformed or inconsistent
 * block with `KEY_BLOCK_INVALID`. No error carries key material or decrypted bytes.
 */
export function unwrapTr31KeyBlock(options: UnwrapTr31KeyBlockOptions): UnwrappedTr31Key {
  const parsed = parseTr31Header(options.keyBlock);
  const keyBlock = options.keyBlock;
  const version = parsed.versionId;
  const kbpk = version === "D" ? assertAesKey(options.kbpk, "kbpk") : assertTdesKey(options.kbpk, "kbpk");
  const macHexLength = TR31_MAC_LENGTH[version] * 2;
  const body = keyBlock.slice(parsed.headerLength, keyBlock.length - macHexLength);
  const macHex = keyBlock.slice(keyBlock.length - macHexLength);
  if (keyBlock.length - macHexLength <= parsed.headerLength) throw invalid("key block has no encrypted key data");
  if (!/^[0-9A-F]+$/.test(body) || !/^[0-9A-F]+$/.test(macHex)) {
    throw invalid("encrypted key data and MAC must be uppercase hex");
  }
  if ((body.length / 2) % TR31_BLOCK_SIZE[version] !== 0) {
    throw invalid(`encrypted key data must be whole ${TR31_BLOCK_SIZE[version]}-byte blocks`);
  }
  const header = Buffer.from(keyBlock.slice(0, parsed.headerLength), "ascii");
  const encrypted = Buffer.from(body, "hex");
  const mac = Buffer.from(macHex, "hex");
  const { kbek, kbmk } = deriveTr31Keys(version, kbpk);
  let clear: Buffer | undefined;
  let computed: Buffer | undefined;
  try {
    if (version === "A" || version === "C") {
      computed = computeTr31VariantMac(kbmk, header, encrypted);
      assertMacMatches(computed, mac, "key block MAC does not verify (tampered block or wrong KBPK)");
      clear = decryptBlocks("TDES", kbek, encrypted, header.subarray(0, 8));
    } else {
      const algorithm = version === "D" ? "AES" : "TDES";
      clear = decryptBlocks(algorithm, kbek, encrypted, mac);
      const macInput = Buffer.concat([header, clear]);
      computed = computeCmac(algorithm, kbmk, macInput);
      macInput.fill(0);
      assertMacMatches(computed, mac, "key block MAC does not verify (tampered block or wrong KBPK)");
    }
    // X9.143-2021: the clear key data starts with the key length in bits.
    const bits = clear.readUInt16BE(0);
    if (bits === 0 || bits % 8 !== 0 || bits / 8 > clear.length - 2) {
      throw invalid("the key length inside the key block is inconsistent");
    }
    const key = Buffer.from(clear.subarray(2, 2 + bits / 8));
    const { length: _length, headerLength: _headerLength, ...fields } = parsed;
    try {
      assertTr31Key(fields, key, kbpk, "keyBlock");
    } catch (error) {
      key.fill(0);
      throw error;
    }
    return { header: fields, key };
  } finally {
    for (const secret of [kbek, kbmk, clear, computed]) secret?.fill(0);
  }
}
