// Hand-written from NIST SP 800-38B / RFC 4493 on node:crypto block primitives: node:crypto has no
// CMAC, and no maintained JS library does TDES-CMAC (TR-31 version B needs it).
import { type BlockAlgorithm, blockSizeOf, encryptBlocks, xorInto } from "./apply-block-cipher.ts";

/**
 * One CMAC subkey doubling step (NIST SP 800-38B 6.1): shift left one bit, and if a bit fell off
 * the top, XOR the block's constant Rb into the last byte (0x87 for 128-bit, 0x1B for 64-bit blocks).
 */
function double(block: Buffer, rb: number): Buffer {
  const out = Buffer.alloc(block.length);
  for (let i = 0; i < block.length; i++) {
    const next = i + 1 < block.length ? (block[i + 1] as number) >> 7 : 0;
    out[i] = (((block[i] as number) << 1) & 0xff) | next;
  }
  if ((block[0] as number) & 0x80) out[block.length - 1] = (out[block.length - 1] as number) ^ rb;
  return out;
}

/**
 * CMAC (NIST SP 800-38B; RFC 4493 for AES) over any message, for AES (any key size) and TDES.
 * Returns the full block-size tag.
 */
export function computeCmac(algorithm: BlockAlgorithm, key: Buffer, message: Buffer): Buffer {
  const size = blockSizeOf(algorithm);
  const rb = size === 16 ? 0x87 : 0x1b;
  const l = encryptBlocks(algorithm, key, Buffer.alloc(size));
  const k1 = double(l, rb);
  const k2 = double(k1, rb);
  // SP 800-38B 6.2: the last block is XORed with K1 when complete, else 10* padded and XORed with K2.
  const complete = message.length > 0 && message.length % size === 0;
  const blocks = complete ? message.length / size : Math.floor(message.length / size) + 1;
  const input = Buffer.alloc(blocks * size);
  message.copy(input);
  const lastStart = (blocks - 1) * size;
  const last = input.subarray(lastStart);
  if (complete) {
    xorInto(last, k1);
  } else {
    last[message.length - lastStart] = 0x80;
    xorInto(last, k2);
  }
  const chained = encryptBlocks(algorithm, key, input, Buffer.alloc(size));
  const mac = Buffer.from(chained.subarray(chained.length - size));
  for (const secret of [l, k1, k2, input, chained]) secret.fill(0);
  return mac;
}
