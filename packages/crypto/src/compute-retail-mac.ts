// Hand-written from ISO/IEC 9797-1:2011 (MAC algorithm 3, padding method 1) / ANSI X9.19 on
// node:crypto DES primitives: no maintained JS library implements the retail MAC.

import { desKey, encryptBlocks, xorInto } from "./apply-block-cipher.ts";
import { assertBytes, assertTdesKey } from "./assert-bytes.ts";

/** Options of {@link computeRetailMac}. */
export type ComputeRetailMacOptions = {
  /** Double-length key K‖K′ (16 bytes): K for the CBC chain, K′ for the output transformation. */
  readonly key: Uint8Array;
  /** The message; padding method 1 zero-fills it to a positive multiple of 8 bytes. */
  readonly message: Uint8Array;
};

/**
 * ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC", ANSI X9.19) with padding method 1: single-DES
 * CBC-MAC under K, then the last block is decrypted under K′ and encrypted under K again — which is
 * the same as encrypting the final chaining block with two-key TDES K‖K′. Returns the 8-byte MAC;
 * X9.19 messages often carry only its leftmost 4 bytes. This is the MAC of TDES DUKPT
 * (request/response MAC variant keys of X9.24-1:2009).
 */
export function computeRetailMac(options: ComputeRetailMacOptions): Buffer {
  const key = assertTdesKey(options.key, "key", [16]);
  const message = assertBytes(options.message, "message", "DATA_LENGTH_INVALID");
  // Padding method 1 (ISO/IEC 9797-1 6.3.1): zero bits up to a *positive* multiple of the block.
  const blocks = Math.max(1, Math.ceil(message.length / 8));
  const padded = Buffer.alloc(blocks * 8);
  message.copy(padded);
  const single = desKey(key.subarray(0, 8));
  let chain = Buffer.alloc(8);
  if (blocks > 1) {
    const head = encryptBlocks("TDES", single, padded.subarray(0, (blocks - 1) * 8), Buffer.alloc(8));
    chain = Buffer.from(head.subarray(head.length - 8));
    head.fill(0);
  }
  xorInto(chain, padded.subarray((blocks - 1) * 8));
  // Final block: E(K, D(K′, E(K, x))) = two-key TDES under K‖K′ (ISO/IEC 9797-1 7.3, output transformation 3).
  const mac = encryptBlocks("TDES", key, chain);
  for (const secret of [padded, single, chain]) secret.fill(0);
  return mac;
}
