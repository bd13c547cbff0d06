// Hand-written from ANSI X9.24-1:2009 / X9.24-3-2017 (DUKPT counter rules): no maintained JS library
// enforces them.
import { CryptoError } from "./errors.ts";

/**
 * Which counters a host accepts. `device` (the default) accepts only counters a conforming
 * originating device can produce (X9.24-1:2009 A.2 / X9.24-3-2017 6.1: at most 10 / 16 one-bits):
 * a KSN outside that set was not made by a genuine reader, so it is refused as a forgery signal.
 * `any` accepts every non-zero counter — only for reproducing published host vectors such as the
 * X9.24-3 supplement's counter 0x1FFFF (17 one-bits).
 */
export type DukptCounterRule = "device" | "any";

/** Number of one-bits in a non-negative integer below 2^32. */
export function countOneBits(value: number): number {
  let v = value >>> 0;
  let count = 0;
  while (v !== 0) {
    v &= v - 1;
    count++;
  }
  return count;
}

/** The value of the lowest one-bit of a counter below 2^32 (0 for 0). */
export function lowestOneBit(value: number): number {
  return (value & -value) >>> 0;
}

/** True when `counter` is an integer in [1, max] with at most `maxOneBits` one-bits. */
export function isDeviceCounter(counter: number, max: number, maxOneBits: number): boolean {
  return Number.isInteger(counter) && counter >= 1 && counter <= max && countOneBits(counter) <= maxOneBits;
}

/**
 * The counter an originating device uses after `counter` (X9.24-1:2009 A.2 "New Key" / X9.24-3-2017
 * section 6 Update_State_for_next_Transaction): the next integer when the counter still has fewer than
 * the maximum one-bits, otherwise the counter plus its lowest one-bit, which skips every counter
 * with too many one-bits. A result above `max` means the device is exhausted.
 */
export function nextDeviceCounter(counter: number, maxOneBits: number): number {
  return countOneBits(counter) < maxOneBits ? counter + 1 : counter + lowestOneBit(counter);
}

/** Throws `COUNTER_INVALID` when a host must not derive keys for `counter` under `rule`. */
export function assertHostCounter(counter: number, max: number, maxOneBits: number, rule: DukptCounterRule): void {
  if (rule !== "device" && rule !== "any") {
    throw new CryptoError("COUNTER_INVALID", "counterRule must be device or any", "counterRule");
  }
  // Counter 0 would make the initial key itself the transaction key; no device ever uses it.
  if (counter === 0) throw new CryptoError("COUNTER_INVALID", "the KSN's transaction counter is zero", "ksn");
  if (rule === "device" && !isDeviceCounter(counter, max, maxOneBits)) {
    throw new CryptoError(
      "COUNTER_INVALID",
      `the KSN's transaction counter has more than ${maxOneBits} one-bits, which no conforming device produces`,
      "ksn",
    );
  }
}
