import { checkMti } from "./check-mti.ts";

/**
 * Whether an MTI is a response (function digit 1 or 3: `0110`, `0430`).
 *
 * @throws Iso8583Error `MTI_INVALID` for a malformed MTI.
 */
export function isResponse(mti: string): boolean {
  checkMti(mti);
  const fn = mti.charCodeAt(2) - 48;
  return fn === 1 || fn === 3;
}
