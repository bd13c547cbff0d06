// Hand-written from ANSI X9.24-3-2017 (AES DUKPT) on node:crypto AES-ECB: no maintained JS library
// implements AES DUKPT against the standard's published vectors.
import { derivationKeyTypeOf, KEY_DERIVATION_INITIAL_KEY } from "./aes-dukpt-tables.ts";
import { assertAesKey, assertLength } from "./assert-bytes.ts";
import { deriveAesDukptKey, writeAesDukptDerivationData } from "./derive-aes-dukpt-key.ts";

/** Options of {@link deriveAesDukptInitialKey}. */
export type DeriveAesDukptInitialKeyOptions = {
  /** The base derivation key: AES-128, AES-192 or AES-256 (16, 24 or 32 bytes). */
  readonly bdk: Uint8Array;
  /** The device's 8-byte initial key ID (BDK ID ‖ derivation ID), the KSN's leftmost 8 bytes. */
  readonly initialKeyId: Uint8Array;
};

/**
 * The initial key of an AES DUKPT device, ANSI X9.24-3-2017 6.3.1 (Derive Initial Key): Derive_Key
 * of the BDK with usage 0x8001 ("key derivation, initial key") and the whole initial key ID; its key
 * type is the BDK's. Host side (HSM) at key injection, and the first step of every host derivation.
 */
export function deriveAesDukptInitialKey(options: DeriveAesDukptInitialKeyOptions): Buffer {
  const bdk = assertAesKey(options.bdk, "bdk");
  const initialKeyId = assertLength(options.initialKeyId, [8], "initialKeyId", "KSN_INVALID");
  const type = derivationKeyTypeOf(bdk);
  const data = writeAesDukptDerivationData(Buffer.alloc(16), KEY_DERIVATION_INITIAL_KEY, type, initialKeyId, 0);
  return deriveAesDukptKey(bdk, data, type);
}
