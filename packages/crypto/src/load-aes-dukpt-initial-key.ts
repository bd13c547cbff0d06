// Hand-written from ANSI X9.24-3-2017 (AES DUKPT) on node:crypto AES-ECB: no maintained JS library
// implements AES DUKPT against the standard's published vectors.
import { type AesDukptDerivationKeyType, derivationKeyTypeOf, KEY_DERIVATION } from "./aes-dukpt-tables.ts";
import { createEncryptor } from "./apply-block-cipher.ts";
import { assertAesKey, assertLength } from "./assert-bytes.ts";
import { deriveAesDukptKeyWith, writeAesDukptDerivationData } from "./derive-aes-dukpt-key.ts";

/**
 * The secret state of an AES DUKPT originating device (X9.24-3-2017 section 6): its initial key ID, the
 * counter of its next transaction, and the 32 intermediate derivation key registers indexed by
 * counter bit. Treat it as opaque and single-use: pass the `next` state that
 * `beginAesDukptTransaction` returns to the following call.
 */
export type AesDukptDeviceState = {
  /** The 8-byte initial key ID (BDK ID ‖ derivation ID). */
  readonly initialKeyId: Buffer;
  /** Key type of the initial key and of every derivation key (the BDK's type). */
  readonly keyType: AesDukptDerivationKeyType;
  /** The counter the next transaction uses; above 0xFFFFFFFF means exhausted. */
  readonly counter: number;
  /** `registers[b]`: the derivation key for the counter that adds bit b, or null once used. */
  readonly registers: (Buffer | null)[];
};

/** Options of {@link loadAesDukptInitialKey}. */
export type LoadAesDukptInitialKeyOptions = {
  /** The initial key injected into the device (AES, 16/24/32 bytes). */
  readonly initialKey: Uint8Array;
  /** The device's 8-byte initial key ID. */
  readonly initialKeyId: Uint8Array;
};

/**
 * Device side: loads an initial key, ANSI X9.24-3-2017 section 6 (Load_Initial_Key,
 * Update_Derivation_Keys): the 32 registers get Derive_Key(initial key, usage 0x8000, derivation ID ‖ 2^b) and the counter
 * starts at 1. The initial key is not kept — the device must erase its own copy, which is what makes
 * past transaction keys unrecoverable from a captured device.
 */
export function loadAesDukptInitialKey(options: LoadAesDukptInitialKeyOptions): AesDukptDeviceState {
  const initialKey = assertAesKey(options.initialKey, "initialKey");
  const initialKeyId = Buffer.from(assertLength(options.initialKeyId, [8], "initialKeyId", "KSN_INVALID"));
  const keyType = derivationKeyTypeOf(initialKey);
  const cipher = createEncryptor("AES", initialKey);
  const data = Buffer.alloc(16);
  const registers: (Buffer | null)[] = [];
  for (let bit = 0; bit < 32; bit++) {
    writeAesDukptDerivationData(data, KEY_DERIVATION, keyType, initialKeyId, 2 ** bit);
    registers.push(deriveAesDukptKeyWith(cipher, data, keyType));
  }
  data.fill(0);
  return { initialKeyId, keyType, counter: 1, registers };
}
