// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.
import { assertTdesKey } from "./assert-bytes.ts";
import { assertHostCounter, type DukptCounterRule } from "./check-dukpt-counter.ts";
import { generateTdesDukptKey, type TdesDukptKeyEncryptors } from "./generate-tdes-dukpt-key.ts";
import { TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS } from "./is-valid-tdes-dukpt-counter.ts";
import { parseTdesDukptKsn, withTdesCounter } from "./parse-tdes-dukpt-ksn.ts";

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
 * used for a KSN, ANSI X9.24-1:2009 A.6. Starting from the IPEK, for each one-bit of the 21-bit
 * counter from the left, the bit is set in the KSN register and the key is replaced by
 * NRKGP(key, register) (A.2). Working keys are variants of it: `deriveTdesDukptWorkingKey`.
 */
export function deriveTdesDukptTransactionKey(options: DeriveTdesDukptTransactionKeyOptions): Buffer {
  const ipek = assertTdesKey(options.ipek, "ipek", [16]);
  return deriveTdesTransactionKeyFrom(ipek, options.ksn, options.counterRule ?? "device");
}

/** The derivation itself, with the IPEK's encryptors when the caller caches them. */
export function deriveTdesTransactionKeyFrom(
  ipek: Buffer,
  ksnValue: unknown,
  rule: DukptCounterRule,
  encryptors?: TdesDukptKeyEncryptors,
): Buffer {
  const { counter, register } = parseTdesDukptKsn(ksnValue);
  assertHostCounter(counter, TDES_DUKPT_MAX_COUNTER, TDES_DUKPT_MAX_ONE_BITS, rule);
  let key = ipek;
  let reached = 0;
  for (let bit = 0x100000; bit !== 0; bit >>>= 1) {
    if ((counter & bit) === 0) continue;
    reached |= bit;
    const r = withTdesCounter(register, reached);
    const next = generateTdesDukptKey(key, r, key === ipek ? encryptors : undefined);
    if (key !== ipek) key.fill(0);
    key = next;
  }
  return key;
}
