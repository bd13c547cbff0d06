// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.
import { assertTdesKey } from "./assert-bytes.ts";
import { assertHostCounter, type DukptCounterRule } from "./check-dukpt-counter.ts";
import { generateTdesDukptKey } from "./generate-tdes-dukpt-key.ts";
import { TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS } from "./is-valid-tdes-dukpt-counter.ts";
import { parseTdesDukptKsn } from "./parse-tdes-dukpt-ksn.ts";

/** Options of {@link deriveTdesDukptTransactionKey}. */
export type DeriveTdesDukptTransactionKeyOptions = {
  /** The device's 16-byte initial key (IPEK), see `deriveTdesDukptIpek`. */
  readonly ipek: Uint8Array;
  /** The 10-byte KSN the device sent with the transaction. */
  readonly ksn: Uint8Array;
  /** Which counters to accept; default `device` (at most 10 one-bits). */
  readonly counterRule?: DukptCounterRule;
};

/**
 * Host side (receiving party): the transaction key ("future key" / current key) a TDES DUKPT device
 * used for a KSN, ANSI X9.24-1:2009 Annex A. Starting from the IPEK, for each one-bit of the 21-bit
 * counter from the left, the bit is set in the KSN register and the key is replaced by
 * NRKGP(key, register) (A.2). Working keys are variants of it: `deriveTdesDukptWorkingKey`.
 */
export function deriveTdesDukptTransactionKey(options: DeriveTdesDukptTransactionKeyOptions): Buffer {
  const ipek = assertTdesKey(options.ipek, "ipek", [16]);
  const { counter, register } = parseTdesDukptKsn(options.ksn);
  assertHostCounter(counter, TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS, options.counterRule ?? "device");
  let key = ipek;
  for (let bit = 0x100000; bit !== 0; bit >>>= 1) {
    if ((counter & bit) === 0) continue;
    // The register accumulates the counter's bits from the left (A.2 "shift register" loop).
    register[5] = (register[5] as number) | ((bit >>> 16) & 0x1f);
    register[6] = (register[6] as number) | ((bit >>> 8) & 0xff);
    register[7] = (register[7] as number) | (bit & 0xff);
    const next = generateTdesDukptKey(key, register);
    if (key !== ipek) key.fill(0);
    key = next;
  }
  return key;
}
