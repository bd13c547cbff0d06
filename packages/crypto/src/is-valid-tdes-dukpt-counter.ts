// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT counter rule): no maintained JS library enforces it.
import { isDeviceCounter } from "./check-dukpt-counter.ts";

/** Largest TDES DUKPT transaction counter: the counter is the KSN's rightmost 21 bits (X9.24-1:2009 A.2). */
export const TDES_DUKPT_MAX_COUNTER = 0x1fffff;

/** A TDES DUKPT device never uses a counter with more than 10 one-bits (X9.24-1:2009 A.2). */
export const TDES_DUKPT_MAX_ONE_BITS = 10;

/**
 * True when a conforming TDES DUKPT device can use `counter` (ANSI X9.24-1:2009 A.2): an integer from
 * 1 to 0x1FFFFF with at most 10 one-bits. This is the set the 21 future-key registers can reach.
 */
export function isValidTdesDukptCounter(counter: number): boolean {
  return isDeviceCounter(counter, TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS);
}
