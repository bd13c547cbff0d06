// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT) on node:crypto TDES primitives: no maintained
// JS library implements DUKPT with Buffers, counter rules and published-vector tests.
import { assertTdesKey } from "./assert-bytes.ts";
import { createTdesDukptKeyEncryptors, generateTdesDukptKey } from "./generate-tdes-dukpt-key.ts";
import { parseTdesDukptKsn, withTdesCounter } from "./parse-tdes-dukpt-ksn.ts";

/**
 * The secret state of a TDES DUKPT originating device (PIN pad, card reader): its KSN with the
 * counter zeroed, the counter of its next transaction, and the 21 future-key registers
 * (X9.24-1:2009 A.2), indexed by counter bit. Treat it as opaque and single-use: pass the `next`
 * state that `beginTdesDukptTransaction` returns to the following call.
 */
export type TdesDukptDeviceState = {
  /** KSN (10 bytes) with the 21 counter bits zero. */
  readonly ksn: Buffer;
  /** The counter the next transaction uses; above 0x1FFFFF means exhausted. */
  readonly counter: number;
  /** Future keys: `registers[b]` is the key for the counter that adds bit b, or null once used. */
  readonly registers: (Buffer | null)[];
};

/** Options of {@link loadTdesDukptInitialKey}. */
export type LoadTdesDukptInitialKeyOptions = {
  /** The 16-byte initial key (IPEK) injected into the device. */
  readonly ipek: Uint8Array;
  /** The device's initial KSN (10 bytes); its counter bits are ignored. */
  readonly ksn: Uint8Array;
};

/**
 * Device side: loads an initial key, ANSI X9.24-1:2009 A.2 "Load Initial Key". Fills the 21
 * future-key registers with NRKGP(IPEK, KSN with bit b set) and sets the counter to 1. The IPEK
 * itself is not kept: the device must erase its copy after loading, which is what makes past
 * transaction keys unrecoverable from a captured device (forward secrecy).
 */
export function loadTdesDukptInitialKey(options: LoadTdesDukptInitialKeyOptions): TdesDukptDeviceState {
  const ipek = assertTdesKey(options.ipek, "ipek", [16]);
  const { ksn, register } = parseTdesDukptKsn(options.ksn);
  const base = Buffer.from(ksn);
  base[7] = (base[7] as number) & 0xe0;
  base[8] = 0;
  base[9] = 0;
  const encryptors = createTdesDukptKeyEncryptors(ipek);
  const registers: (Buffer | null)[] = [];
  for (let bit = 0; bit < 21; bit++) {
    registers.push(generateTdesDukptKey(ipek, withTdesCounter(register, 2 ** bit), encryptors));
  }
  return { ksn: base, counter: 1, registers };
}
