// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.
import { countOneBits, lowestOneBit, nextDeviceCounter } from "./check-dukpt-counter.ts";
import { CryptoError } from "./errors.ts";
import { createTdesDukptKeyEncryptors, generateTdesDukptKey } from "./generate-tdes-dukpt-key.ts";
import { TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS } from "./is-valid-tdes-dukpt-counter.ts";
import type { TdesDukptDeviceState } from "./load-tdes-dukpt-initial-key.ts";
import { parseTdesDukptKsn, withTdesCounter } from "./parse-tdes-dukpt-ksn.ts";

/** What one device transaction yields. */
export type TdesDukptTransaction = {
  /** The KSN to send with the transaction (10 bytes). */
  readonly ksn: Buffer;
  /** Its 21-bit counter. */
  readonly counter: number;
  /** The transaction key; derive working keys from it, then wipe it (`fill(0)`). */
  readonly transactionKey: Buffer;
  /** The device state for the following transaction. */
  readonly next: TdesDukptDeviceState;
};

/** Options of {@link beginTdesDukptTransaction}. */
export type BeginTdesDukptTransactionOptions = {
  /** The current device state (from `loadTdesDukptInitialKey` or the previous transaction's `next`). */
  readonly state: TdesDukptDeviceState;
};

/**
 * Device side: takes the transaction key for the current counter and advances the state,
 * ANSI X9.24-1:2009 A.2 "Request PIN Entry" / "New Key". The key lives in the register of the
 * counter's lowest one-bit. While the counter has fewer than 10 one-bits, that key first generates
 * the future keys for every lower bit; then its register is erased and the counter moves on
 * (counters with more than 10 one-bits are skipped). After counter 0x1FF800 the device is exhausted
 * and this throws `COUNTER_EXHAUSTED`. The state passed in is spent: its used register is cleared,
 * so calling again with it throws `STATE_INVALID` instead of reusing a key.
 */
export function beginTdesDukptTransaction(options: BeginTdesDukptTransactionOptions): TdesDukptTransaction {
  const state = options.state;
  if (
    typeof state !== "object" ||
    state === null ||
    !Array.isArray(state.registers) ||
    state.registers.length !== 21 ||
    !Number.isInteger(state.counter) ||
    state.counter < 1
  ) {
    throw new CryptoError("STATE_INVALID", "state is not a TDES DUKPT device state", "state");
  }
  const { register } = parseTdesDukptKsn(state.ksn, "state.ksn");
  const counter = state.counter;
  // X9.24-1:2009 A.2: a device whose counter passes the 21-bit range must stop; it needs a new IPEK.
  if (counter > TDES_DUKPT_MAX_COUNTER) {
    throw new CryptoError("COUNTER_EXHAUSTED", "the device has used every TDES DUKPT counter", "state");
  }
  const bit = lowestOneBit(counter);
  const index = 31 - Math.clz32(bit);
  const transactionKey = state.registers[index];
  if (!transactionKey) throw new CryptoError("STATE_INVALID", "state was already used for this counter", "state");
  if (!Buffer.isBuffer(transactionKey) || transactionKey.length !== 16) {
    throw new CryptoError("STATE_INVALID", "state holds a register that is not a 16-byte key", "state");
  }
  const registers = state.registers.slice();
  registers[index] = null;
  if (countOneBits(counter) < TDES_DUKPT_MAX_ONE_BITS) {
    // "New Key-1/3": fill the registers below the current bit from the current key.
    const encryptors = createTdesDukptKeyEncryptors(transactionKey);
    for (let lower = index - 1; lower >= 0; lower--) {
      registers[lower] = generateTdesDukptKey(
        transactionKey,
        withTdesCounter(register, counter + 2 ** lower),
        encryptors,
      );
    }
  }
  // Spend the old state so the same counter can never be used twice.
  state.registers[index] = null;
  const ksn = Buffer.from(state.ksn);
  ksn[7] = ((ksn[7] as number) & 0xe0) | ((counter >>> 16) & 0x1f);
  ksn[8] = (counter >>> 8) & 0xff;
  ksn[9] = counter & 0xff;
  const next = { ksn: state.ksn, counter: nextDeviceCounter(counter, TDES_DUKPT_MAX_ONE_BITS), registers };
  return { ksn, counter, transactionKey, next };
}
