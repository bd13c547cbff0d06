// Hand-written from ANSI X9.143-2021 / ASC X9 TR-31:2018 on node:crypto primitives: no maintained
// JS library parses, checks and verifies TR-31 key blocks.
import { assertTr31Header, PRINTABLE } from "./check-tr31-header.ts";
import { CryptoError } from "./errors.ts";
import type { Tr31Header, Tr31OptionalBlock } from "./tr31-tables.ts";

/** A parsed key block header, with where the header ends. */
export type ParsedTr31Header = Tr31Header & {
  /** The key block length from the header (equal to the block's length). */
  readonly length: number;
  /** Characters of header, optional blocks included: where the encrypted key data starts. */
  readonly headerLength: number;
};

function invalid(message: string): CryptoError {
  return new CryptoError("KEY_BLOCK_INVALID", message, "keyBlock");
}

function hex(text: string, what: string): number {
  if (!/^[0-9A-F]+$/.test(text)) throw invalid(`${what} must be uppercase hex`);
  return Number.parseInt(text, 16);
}

/**
 * Parses and checks the clear header of a TR-31 / ANSI X9.143 key block without a key (6.2 the
 * fixed header, 6.3 optional blocks, including the extended-length form "00" ‖ length-of-length ‖
 * length). It needs no KBPK, so a receiver can read the usage and pick its KBPK first — but nothing in
 * it is authentic until `unwrapTr31KeyBlock` has verified the MAC.
 */
export function parseTr31Header(keyBlock: string): ParsedTr31Header {
  if (typeof keyBlock !== "string") throw invalid("key block must be a string");
  if (!PRINTABLE.test(keyBlock)) throw invalid("key block must be printable ASCII");
  if (keyBlock.length < 16) throw invalid("key block is shorter than its 16-character header");
  const versionId = keyBlock[0] as Tr31Header["versionId"];
  if (!"ABCD".includes(versionId)) throw invalid("version ID must be A, B, C or D");
  const lengthField = keyBlock.slice(1, 5);
  if (!/^[0-9]{4}$/.test(lengthField)) throw invalid("key block length must be 4 decimal digits");
  const length = Number(lengthField);
  if (length !== keyBlock.length) {
    throw invalid(`key block length field says ${length} but the block has ${keyBlock.length} characters`);
  }
  const countField = keyBlock.slice(12, 14);
  if (!/^[0-9]{2}$/.test(countField)) throw invalid("number of optional blocks must be 2 decimal digits");
  if (keyBlock.slice(14, 16) !== "00") throw invalid("reserved header field must be 00");
  const optionalBlocks: Tr31OptionalBlock[] = [];
  let position = 16;
  for (let i = 0; i < Number(countField); i++) {
    if (position + 4 > keyBlock.length) throw invalid("optional block runs past the key block");
    const id = keyBlock.slice(position, position + 2);
    let blockLength = hex(keyBlock.slice(position + 2, position + 4), "optional block length");
    let dataStart = position + 4;
    if (blockLength === 0) {
      // Extended length (X9.143-2021 optional blocks): "00", then the length of the length, then the length.
      const lengthOfLength = hex(keyBlock.slice(position + 4, position + 6), "optional block length of length");
      if (lengthOfLength < 1 || lengthOfLength > 4) throw invalid("optional block length of length must be 1-4");
      blockLength = hex(keyBlock.slice(position + 6, position + 6 + lengthOfLength), "optional block length");
      dataStart = position + 6 + lengthOfLength;
    }
    if (blockLength < dataStart - position || position + blockLength > keyBlock.length) {
      throw invalid(`optional block ${i + 1} has an impossible length`);
    }
    optionalBlocks.push({ id, data: keyBlock.slice(dataStart, position + blockLength) });
    position += blockLength;
  }
  const header: ParsedTr31Header = {
    versionId,
    length,
    keyUsage: keyBlock.slice(5, 7) as Tr31Header["keyUsage"],
    algorithm: keyBlock[7] as Tr31Header["algorithm"],
    modeOfUse: keyBlock[8] as Tr31Header["modeOfUse"],
    keyVersionNumber: keyBlock.slice(9, 11),
    exportability: keyBlock[11] as Tr31Header["exportability"],
    optionalBlocks,
    headerLength: position,
  };
  assertTr31Header(header, position, "keyBlock");
  return header;
}
