// Hand-written from ANSI X9.24-3-2017 (AES DUKPT) on node:crypto AES-ECB: no maintained JS library
// implements AES DUKPT against the standard's published vectors.
import { derivationKeyTypeOf, KEY_DERIVATION } from "./aes-dukpt-tables.ts";
import { createEncryptor } from "./apply-block-cipher.ts";
import { assertAesKey } from "./assert-bytes.ts";
import { assertHostCounter, type DukptCounterRule } from "./check-dukpt-counter.ts";
import { deriveAesDukptKeyWith, writeAesDukptDerivationData } from "./derive-aes-dukpt-key.ts";
import { AES_DUKPT_MAX_COUNTER, AES_DUKPT_MAX_ONE_BITS } from "./is-valid-aes-dukpt-counter.ts";
import { parseAesDukptKsn } from "./parse-aes-dukpt-ksn.ts";

/** Options of {@link deriveAesDukptTransactionKey}. */
export type DeriveAesDukptTransactionKeyOptions = {
  /** The device's initial key (AES, 16/24/32 bytes), see `deriveAesDukptInitialKey`. */
  readonly initialKey: Uint8Array;
  /** The 12-byte KSN the device sent: initial key ID (8) ‖ counter (4). */
  readonly ksn: Uint8Array;
  /** Which counters to accept; default `device` (at most 16 one-bits). */
  readonly counterRule?: DukptCounterRule;
};

/**
 * Host side (receiving party): the intermediate derivation key (the "transaction key") an AES DUKPT
 * device used for a KSN, ANSI X9.24-3-2017 6.1 and 6.4 (the host derivation). For each one-bit
 * of the counter from the left, the bit is added to a working counter and the key is replaced by
 * Derive_Key(key, usage 0x8000, derivation ID ‖ working counter). Its key type is the initial key's.
 */
export function deriveAesDukptTransactionKey(options: DeriveAesDukptTransactionKeyOptions): Buffer {
  const initialKey = assertAesKey(options.initialKey, "initialKey");
  const { initialKeyId, counter } = parseAesDukptKsn(options.ksn);
  assertHostCounter(counter, AES_DUKPT_MAX_COUNTER, AES_DUKPT_MAX_ONE_BITS, options.counterRule ?? "device");
  const type = derivationKeyTypeOf(initialKey);
  const data = Buffer.alloc(16);
  let key = initialKey;
  let reached = 0;
  for (let bit = 0x80000000; bit !== 0; bit >>>= 1) {
    if ((counter & bit) === 0) continue;
    reached = (reached | bit) >>> 0;
    writeAesDukptDerivationData(data, KEY_DERIVATION, type, initialKeyId, reached);
    const next = deriveAesDukptKeyWith(createEncryptor("AES", key), data, type);
    if (key !== initialKey) key.fill(0);
    key = next;
  }
  data.fill(0);
  return key;
}
