// Hand-written from ANSI X9.143-2021 / ASC X9 TR-31:2018 on node:crypto primitives (TDES/AES-CBC,
// CMAC built on them): no maintained JS library creates TR-31 key blocks.
import { randomBytes as systemRandomBytes } from "node:crypto";
import { encryptBlocks } from "./apply-block-cipher.ts";
import { assertAesKey, assertBytes, assertTdesKey } from "./assert-bytes.ts";
import { assertTr31Header } from "./check-tr31-header.ts";
import { assertTr31Key } from "./check-tr31-key.ts";
import { computeCmac } from "./compute-cmac.ts";
import { computeTr31VariantMac, deriveTr31Keys } from "./derive-tr31-keys.ts";
import { CryptoError } from "./errors.ts";
import {
  TR31_BLOCK_SIZE,
  TR31_MAC_LENGTH,
  type Tr31Algorithm,
  type Tr31Exportability,
  type Tr31Header,
  type Tr31KeyUsage,
  type Tr31ModeOfUse,
  type Tr31OptionalBlock,
} from "./tr31-tables.ts";

/** The header fields a caller chooses when wrapping. */
export type Tr31HeaderInput = {
  /** B (TDES KBPK) or D (AES KBPK) for new blocks; C for legacy TDES peers. A is refused. */
  readonly versionId: "B" | "C" | "D";
  readonly keyUsage: Tr31KeyUsage;
  readonly algorithm: Tr31Algorithm;
  readonly modeOfUse: Tr31ModeOfUse;
  /** Default "00" (no version). */
  readonly keyVersionNumber?: string;
  readonly exportability: Tr31Exportability;
  /** Optional blocks in order. A PB padding block is appended when the header needs one. */
  readonly optionalBlocks?: readonly Tr31OptionalBlock[];
};

/** Options of {@link wrapTr31KeyBlock}. */
export type WrapTr31KeyBlockOptions = {
  /** The key block protection key: TDES 16/24 bytes for B and C, AES 16/24/32 bytes for D. */
  readonly kbpk: Uint8Array;
  /** The key to protect. */
  readonly key: Uint8Array;
  readonly header: Tr31HeaderInput;
  /**
   * Pad the key data as if the key were this many bytes, hiding its real length (X9.143-2021
   * key length obfuscation): e.g. 32 makes an AES-128 key look like an AES-256 one.
   */
  readonly maskedKeyLength?: number;
  /** Source of the random padding; defaults to crypto.randomBytes. Tests inject published padding. */
  readonly randomBytes?: (size: number) => Uint8Array;
};

function invalid(message: string, param: string): CryptoError {
  return new CryptoError("KEY_BLOCK_INVALID", message, param);
}

/** One optional block, with the extended length form past 255 characters (X9.143-2021). */
function serializeBlock(block: Tr31OptionalBlock): string {
  const short = 4 + block.data.length;
  if (short <= 0xff) return `${block.id}${short.toString(16).toUpperCase().padStart(2, "0")}${block.data}`;
  const long = 10 + block.data.length;
  if (long > 0xffff) throw invalid(`optional block ${block.id} is too long`, "header.optionalBlocks");
  return `${block.id}0004${long.toString(16).toUpperCase().padStart(4, "0")}${block.data}`;
}

/**
 * Wraps a key in a TR-31 / ANSI X9.143 key block (X9.143-2021): version D (AES KBPK, AES-CMAC
 * derivation binding) — how AES DUKPT initial keys are loaded into readers — version B (TDES KBPK,
 * TDES-CMAC binding), or C (TDES key variant binding, for legacy peers). Version A is refused: it is
 * deprecated (TR-31:2018). The clear key data is key length ‖ key ‖ random padding to whole
 * cipher blocks; B/D MAC it (CMAC over header ‖ clear data) and encrypt it in CBC with the MAC as IV;
 * C encrypts then MACs. The header is checked like an incoming one, so we never emit a block we
 * would refuse.
 */
export function wrapTr31KeyBlock(options: WrapTr31KeyBlockOptions): string {
  const input = options.header;
  if (typeof input !== "object" || input === null) throw invalid("header is required", "header");
  const version = input.versionId;
  if ((version as string) === "A") {
    throw invalid("version A is deprecated (TR-31:2018); wrap with B, C or D", "header.versionId");
  }
  if (version !== "B" && version !== "C" && version !== "D") {
    throw invalid("version ID must be B, C or D", "header.versionId");
  }
  const kbpk = version === "D" ? assertAesKey(options.kbpk, "kbpk") : assertTdesKey(options.kbpk, "kbpk");
  const key = assertBytes(options.key, "key", "KEY_LENGTH_INVALID");
  const blockSize = TR31_BLOCK_SIZE[version];

  const blocks = [...(input.optionalBlocks ?? [])];
  const fixedLength = 16;
  let blocksText = blocks.map(serializeBlock).join("");
  // X9.143-2021: a header with optional blocks fills whole cipher blocks; PB pads it.
  const gap = (blockSize - ((fixedLength + blocksText.length) % blockSize)) % blockSize;
  if (blocks.length > 0 && gap !== 0) {
    if (blocks.at(-1)?.id === "PB") throw invalid("the PB block given does not align the header", "header");
    const pbLength = gap >= 4 ? gap : gap + blockSize;
    const pb = { id: "PB", data: "0".repeat(pbLength - 4) };
    blocks.push(pb);
    blocksText += serializeBlock(pb);
  }
  if (blocks.length > 99) throw invalid("at most 99 optional blocks", "header.optionalBlocks");
  const header: Tr31Header = {
    versionId: version,
    keyUsage: input.keyUsage,
    algorithm: input.algorithm,
    modeOfUse: input.modeOfUse,
    keyVersionNumber: input.keyVersionNumber ?? "00",
    exportability: input.exportability,
    optionalBlocks: blocks,
  };
  const headerLength = fixedLength + blocksText.length;
  assertTr31Header(header, headerLength, "header");
  assertTr31Key(header, key, kbpk, "key");

  const masked = options.maskedKeyLength ?? key.length;
  if (!Number.isInteger(masked) || masked < key.length || masked > 4096) {
    throw invalid("maskedKeyLength must be an integer from the key's length to 4096", "maskedKeyLength");
  }
  const dataLength = Math.ceil((2 + masked) / blockSize) * blockSize;
  const total = headerLength + dataLength * 2 + TR31_MAC_LENGTH[version] * 2;
  if (total > 9999) throw invalid("the key block would exceed 9999 characters", "key");
  const headerText = `${version}${String(total).padStart(4, "0")}${header.keyUsage}${header.algorithm}${header.modeOfUse}${header.keyVersionNumber}${header.exportability}${String(blocks.length).padStart(2, "0")}00${blocksText}`;

  const paddingLength = dataLength - 2 - key.length;
  const padding = assertBytes(
    (options.randomBytes ?? systemRandomBytes)(paddingLength),
    "randomBytes",
    "DATA_LENGTH_INVALID",
  );
  if (padding.length !== paddingLength) {
    throw new CryptoError("DATA_LENGTH_INVALID", `randomBytes must return ${paddingLength} bytes`, "randomBytes");
  }
  const clear = Buffer.alloc(dataLength);
  clear.writeUInt16BE(key.length * 8, 0);
  key.copy(clear, 2);
  padding.copy(clear, 2 + key.length);
  const headerBytes = Buffer.from(headerText, "ascii");
  const { kbek, kbmk } = deriveTr31Keys(version, kbpk);
  try {
    if (version === "C") {
      const encrypted = encryptBlocks("TDES", kbek, clear, headerBytes.subarray(0, 8));
      const mac = computeTr31VariantMac(kbmk, headerBytes, encrypted);
      return `${headerText}${encrypted.toString("hex").toUpperCase()}${mac.toString("hex").toUpperCase()}`;
    }
    const algorithm = version === "D" ? "AES" : "TDES";
    const macInput = Buffer.concat([headerBytes, clear]);
    const mac = computeCmac(algorithm, kbmk, macInput);
    macInput.fill(0);
    const encrypted = encryptBlocks(algorithm, kbek, clear, mac);
    return `${headerText}${encrypted.toString("hex").toUpperCase()}${mac.toString("hex").toUpperCase()}`;
  } finally {
    for (const secret of [kbek, kbmk, clear]) secret.fill(0);
  }
}
