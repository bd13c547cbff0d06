// Hand-written from ANSI X9.24-3-2017 (AES DUKPT counter rule): no maintained JS library enforces it.
import { isDeviceCounter } from "./check-dukpt-counter.ts";

/** Largest AES DUKPT transaction counter: 32 bits (X9.24-3-2017 6.1). */
export const AES_DUKPT_MAX_COUNTER = 0xffffffff;

/** An AES DUKPT device never uses a counter with more than 16 one-bits (X9.24-3-2017 6.1). */
export const AES_DUKPT_MAX_ONE_BITS = 16;

/**
 * True when a conforming AES DUKPT device can use `counter` (ANSI X9.24-3-2017 6.1): an integer from
 * 1 to 0xFFFFFFFF with at most 16 one-bits.
 */
export function isValidAesDukptCounter(counter: number): boolean {
  return isDeviceCounter(counter, AES_DUKPT_MAX_COUNTER, AES_DUKPT_MAX_ONE_BITS);
}
