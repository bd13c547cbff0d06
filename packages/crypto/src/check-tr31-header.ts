// Hand-written from ANSI X9.143-2021 / ASC X9 TR-31:2018: no maintained JS library checks TR-31
// key block headers.
import { CryptoError } from "./errors.ts";
import {
  TR31_ALGORITHMS,
  TR31_BLOCK_SIZE,
  TR31_EXPORTABILITY,
  TR31_KEY_USAGES,
  TR31_MODES_OF_USE,
  type Tr31Header,
} from "./tr31-tables.ts";

function invalid(message: string, param: string): CryptoError {
  return new CryptoError("KEY_BLOCK_INVALID", message, param);
}

/** Printable ASCII (0x20-0x7E), the only characters X9.143-2021 allows in a key block header. */
export const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * Checks a header's fields are known and consistent with each other (X9.143-2021 key block header and optional blocks): the key
 * usage, algorithm, mode of use and exportability exist; the usage allows that mode and algorithm;
 * optional block IDs are well-formed and unique, a PB padding block comes last, and a header with
 * optional blocks fills whole cipher blocks. `headerLength` is the serialized length in characters.
 */
export function assertTr31Header(header: Tr31Header, headerLength: number, param: string): void {
  const version = header.versionId;
  if (!Object.hasOwn(TR31_BLOCK_SIZE, version)) throw invalid("version ID must be A, B, C or D", param);
  if (header.algorithm === ("D" as string)) {
    throw invalid("single DES keys (algorithm D) are refused: they are brute-forceable", param);
  }
  if (!Object.hasOwn(TR31_ALGORITHMS, header.algorithm)) throw invalid("unknown algorithm", param);
  if (!Object.hasOwn(TR31_MODES_OF_USE, header.modeOfUse)) throw invalid("unknown mode of use", param);
  if (!Object.hasOwn(TR31_EXPORTABILITY, header.exportability)) throw invalid("unknown exportability", param);
  if (!Object.hasOwn(TR31_KEY_USAGES, header.keyUsage)) throw invalid("unknown or proprietary key usage", param);
  const usage = TR31_KEY_USAGES[header.keyUsage];
  // X9.143-2021 key usage / mode of use: a key may only be used the ways its usage allows.
  if (header.modeOfUse !== "N" && !usage.modes.includes(header.modeOfUse)) {
    throw invalid(`mode of use ${header.modeOfUse} is not allowed for key usage ${header.keyUsage}`, param);
  }
  if (!usage.algorithms.includes(header.algorithm)) {
    throw invalid(`algorithm ${header.algorithm} is not allowed for key usage ${header.keyUsage}`, param);
  }
  if (typeof header.keyVersionNumber !== "string" || !/^[0-9A-Za-z]{2}$/.test(header.keyVersionNumber)) {
    throw invalid("key version number must be two alphanumeric characters", param);
  }
  const seen = new Set<string>();
  header.optionalBlocks.forEach((block, index) => {
    if (typeof block.id !== "string" || !/^[0-9A-Z]{2}$/.test(block.id)) {
      throw invalid("optional block IDs are two uppercase alphanumeric characters", param);
    }
    if (typeof block.data !== "string" || !PRINTABLE.test(block.data)) {
      throw invalid(`optional block ${block.id} must hold printable ASCII`, param);
    }
    if (seen.has(block.id)) throw invalid(`optional block ${block.id} appears twice`, param);
    seen.add(block.id);
    // X9.143-2021 optional block PB: the padding block only pads the header to a cipher block, so it is last.
    if (block.id === "PB" && index !== header.optionalBlocks.length - 1) {
      throw invalid("optional block PB must be the last optional block", param);
    }
  });
  if (header.optionalBlocks.length > 0 && headerLength % TR31_BLOCK_SIZE[version] !== 0) {
    throw invalid(`a header with optional blocks must be a multiple of ${TR31_BLOCK_SIZE[version]} characters`, param);
  }
}
