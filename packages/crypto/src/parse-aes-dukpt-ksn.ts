// Hand-written from ANSI X9.24-3-2017 (AES DUKPT KSN layout): no maintained JS library implements it.
import { assertLength } from "./assert-bytes.ts";

/** An AES DUKPT KSN split into its parts (X9.24-3-2017 6.1). */
export type ParsedAesKsn = {
  readonly ksn: Buffer;
  /** The 8-byte initial key ID: 4-byte BDK ID ‖ 4-byte derivation ID (a view into `ksn`). */
  readonly initialKeyId: Buffer;
  /** The 32-bit transaction counter. */
  readonly counter: number;
};

/** Checks an AES DUKPT KSN is 12 bytes (96 bits: initial key ID ‖ counter) and splits it. */
export function parseAesDukptKsn(value: unknown, param = "ksn"): ParsedAesKsn {
  const ksn = assertLength(value, [12], param, "KSN_INVALID");
  return { ksn, initialKeyId: ksn.subarray(0, 8), counter: ksn.readUInt32BE(8) };
}
