import { Iso8583Error } from "./errors.ts";

/** Throws MTI_INVALID unless `mti` is a string of exactly 4 digits. Internal to the MTI helpers. */
export function checkMti(mti: string): void {
  if (typeof mti !== "string" || mti.length !== 4) throw new Iso8583Error("MTI_INVALID", "MTI must be 4 digits", 0);
  for (let i = 0; i < 4; i++) {
    const c = mti.charCodeAt(i);
    if (c < 48 || c > 57) throw new Iso8583Error("MTI_INVALID", "MTI must be 4 digits", 0);
  }
}
