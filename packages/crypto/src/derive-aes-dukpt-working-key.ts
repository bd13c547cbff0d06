// Hand-written from ANSI X9.24-3-2017 (AES DUKPT) on node:crypto AES-ECB: no maintained JS library
// implements AES DUKPT against the standard's published vectors.
import {
  AES_DUKPT_KEY_TYPES,
  AES_DUKPT_KEY_USAGES,
  type AesDukptKeyType,
  type AesDukptKeyUsage,
  derivationKeyTypeOf,
} from "./aes-dukpt-tables.ts";
import { assertAesKey } from "./assert-bytes.ts";
import { deriveAesDukptKey, writeAesDukptDerivationData } from "./derive-aes-dukpt-key.ts";
import { CryptoError } from "./errors.ts";
import { parseAesDukptKsn } from "./parse-aes-dukpt-ksn.ts";

/** Options of {@link deriveAesDukptWorkingKey}. */
export type DeriveAesDukptWorkingKeyOptions = {
  /** The transaction (intermediate derivation) key for the KSN's counter. */
  readonly transactionKey: Uint8Array;
  /** The 12-byte KSN of the transaction. */
  readonly ksn: Uint8Array;
  /** What the key is for (X9.24-3-2017 6.3.2). */
  readonly usage: AesDukptKeyUsage;
  /** The working key's type; no stronger than the transaction key (X9.24-3-2017 6.1.3). */
  readonly keyType: AesDukptKeyType;
};

/**
 * An AES DUKPT working key, ANSI X9.24-3-2017 6.3.1 with the derivation data of 6.3.3: Derive_Key of the
 * transaction key with the usage's indicator, the working key's algorithm and length, and the KSN's
 * derivation ID and counter. Device and host both call it, which is why both sides agree.
 * Key types: `AES128`/`AES192`/`AES256`, and `TDES2`/`TDES3` for readers whose host still speaks TDES.
 */
export function deriveAesDukptWorkingKey(options: DeriveAesDukptWorkingKeyOptions): Buffer {
  const transactionKey = assertAesKey(options.transactionKey, "transactionKey");
  const { initialKeyId, counter } = parseAesDukptKsn(options.ksn);
  const usage = Object.hasOwn(AES_DUKPT_KEY_USAGES, options.usage) ? AES_DUKPT_KEY_USAGES[options.usage] : undefined;
  if (usage === undefined) throw new CryptoError("KEY_USAGE_INVALID", "usage is not an AES DUKPT key usage", "usage");
  const keyType = options.keyType;
  if (!Object.hasOwn(AES_DUKPT_KEY_TYPES, keyType)) {
    throw new CryptoError("KEY_TYPE_INVALID", "keyType is not an AES DUKPT key type", "keyType");
  }
  // X9.24-3-2017 6.1.3: a working key may not be stronger than the key it is derived from.
  if (AES_DUKPT_KEY_TYPES[keyType].strength > AES_DUKPT_KEY_TYPES[derivationKeyTypeOf(transactionKey)].strength) {
    throw new CryptoError("KEY_TYPE_INVALID", "keyType is stronger than the transaction key", "keyType");
  }
  if (counter === 0) throw new CryptoError("COUNTER_INVALID", "the KSN's transaction counter is zero", "ksn");
  const data = writeAesDukptDerivationData(Buffer.alloc(16), usage, keyType, initialKeyId, counter);
  const key = deriveAesDukptKey(transactionKey, data, keyType);
  data.fill(0);
  return key;
}
