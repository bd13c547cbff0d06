// Hand-written from ANSI X9.24-1:2009 (TDES DUKPT KSN layout): no maintained JS library implements it.
import { assertLength } from "./assert-bytes.ts";

/** A TDES KSN split into the parts the derivations use. */
export type ParsedTdesKsn = {
  /** The 21-bit transaction counter (X9.24-1:2009 A.2: the KSN's rightmost 21 bits). */
  readonly counter: number;
  /** The KSN's rightmost 8 bytes with the counter bits cleared: the NRKGP "KSN register" base. */
  readonly register: Buffer;
};

/** Checks a KSN is the 10 bytes (80 bits) of X9.24-1:2009 and splits it. */
export function parseTdesDukptKsn(value: unknown, param = "ksn"): ParsedTdesKsn & { readonly ksn: Buffer } {
  const ksn = assertLength(value, [10], param, "KSN_INVALID");
  const counter = ((ksn[7] as number) & 0x1f) * 0x10000 + (ksn[8] as number) * 0x100 + (ksn[9] as number);
  const register = Buffer.from(ksn.subarray(2, 10));
  register[5] = (register[5] as number) & 0xe0;
  register[6] = 0;
  register[7] = 0;
  return { ksn, counter, register };
}

/** Sets the counter bits of a KSN register (a copy of `register` with `counter` ORed in). */
export function withTdesCounter(register: Buffer, counter: number): Buffer {
  const out = Buffer.from(register);
  out[5] = (out[5] as number) | ((counter >>> 16) & 0x1f);
  out[6] = (counter >>> 8) & 0xff;
  out[7] = counter & 0xff;
  return out;
}
