// Hand-written from ANSI X9.24-3-2017 (AES DUKPT) on node:crypto AES-ECB: no maintained JS library
// implements AES DUKPT against the standard's published vectors.
import { AES_DUKPT_KEY_TYPES, KEY_DERIVATION } from "./aes-dukpt-tables.ts";
import { createEncryptor } from "./apply-block-cipher.ts";
import { countOneBits, lowestOneBit, nextDeviceCounter } from "./check-dukpt-counter.ts";
import { deriveAesDukptKeyWith, writeAesDukptDerivationData } from "./derive-aes-dukpt-key.ts";
import { CryptoError } from "./errors.ts";
import { AES_DUKPT_MAX_COUNTER, AES_DUKPT_MAX_ONE_BITS } from "./is-valid-aes-dukpt-counter.ts";
import type { AesDukptDeviceState } from "./load-aes-dukpt-initial-key.ts";

/** What one device transaction yields. */
export type AesDukptTransaction = {
  /** The KSN to send with the transaction: initial key ID (8) ‖ counter (4). */
  readonly ksn: Buffer;
  /** Its 32-bit counter. */
  readonly counter: number;
  /** The transaction (intermediate derivation) key; derive working keys from it, then wipe it. */
  readonly transactionKey: Buffer;
  /** The device state for the following transaction. */
  readonly next: AesDukptDeviceState;
};

/** Options of {@link beginAesDukptTransaction}. */
export type BeginAesDukptTransactionOptions = {
  /** The current device state (from `loadAesDukptInitialKey` or the previous transaction's `next`). */
  readonly state: AesDukptDeviceState;
};

function isState(state: unknown): state is AesDukptDeviceState {
  if (typeof state !== "object" || state === null) return false;
  const s = state as Partial<AesDukptDeviceState>;
  return (
    Buffer.isBuffer(s.initialKeyId) &&
    s.initialKeyId.length === 8 &&
    typeof s.keyType === "string" &&
    Object.hasOwn(AES_DUKPT_KEY_TYPES, s.keyType) &&
    s.keyType.startsWith("AES") &&
    Array.isArray(s.registers) &&
    s.registers.length === 32 &&
    Number.isInteger(s.counter) &&
    (s.counter as number) >= 1
  );
}

/**
 * Device side: takes the derivation key for the current counter and advances the state, ANSI
 * X9.24-3-2017 section 6, originating-device algorithm (Generate_Working_Keys,
 * Update_State_for_next_Transaction). The key is in the register of the counter's lowest one-bit.
 * While the counter has fewer than 16 one-bits, it first derives the registers of every lower bit;
 * then its register is erased and the counter moves on, skipping counters with more than 16 one-bits. After counter 0xFFFF0000 the device is exhausted
 * and this throws `COUNTER_EXHAUSTED`. The state passed in is spent: its used register is cleared,
 * so calling again with it throws `STATE_INVALID` instead of reusing a key.
 */
export function beginAesDukptTransaction(options: BeginAesDukptTransactionOptions): AesDukptTransaction {
  const state = options.state;
  if (!isState(state)) throw new CryptoError("STATE_INVALID", "state is not an AES DUKPT device state", "state");
  const counter = state.counter;
  // X9.24-3-2017 6.1: past the 32-bit counter the device must stop; it needs a new initial key.
  if (counter > AES_DUKPT_MAX_COUNTER) {
    throw new CryptoError("COUNTER_EXHAUSTED", "the device has used every AES DUKPT counter", "state");
  }
  const bit = lowestOneBit(counter);
  const index = 31 - Math.clz32(bit);
  const transactionKey = state.registers[index];
  if (!transactionKey) throw new CryptoError("STATE_INVALID", "state was already used for this counter", "state");
  if (!Buffer.isBuffer(transactionKey) || transactionKey.length !== AES_DUKPT_KEY_TYPES[state.keyType].bits / 8) {
    throw new CryptoError("STATE_INVALID", "state holds a register that does not match its key type", "state");
  }
  const registers = state.registers.slice();
  registers[index] = null;
  if (countOneBits(counter) < AES_DUKPT_MAX_ONE_BITS && index > 0) {
    // Update_Derivation_Keys: the current key derives the key of every counter that adds a lower bit.
    const cipher = createEncryptor("AES", transactionKey);
    const data = Buffer.alloc(16);
    for (let lower = index - 1; lower >= 0; lower--) {
      writeAesDukptDerivationData(data, KEY_DERIVATION, state.keyType, state.initialKeyId, counter + 2 ** lower);
      registers[lower] = deriveAesDukptKeyWith(cipher, data, state.keyType);
    }
    data.fill(0);
  }
  // Spend the old state so the same counter can never be used twice.
  state.registers[index] = null;
  const ksn = Buffer.alloc(12);
  state.initialKeyId.copy(ksn, 0);
  ksn.writeUInt32BE(counter, 8);
  const next = {
    initialKeyId: state.initialKeyId,
    keyType: state.keyType,
    counter: nextDeviceCounter(counter, AES_DUKPT_MAX_ONE_BITS),
    registers,
  };
  return { ksn, counter, transactionKey, next };
}
