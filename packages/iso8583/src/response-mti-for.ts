import { checkMti } from "./check-mti.ts";
import { Iso8583Error } from "./errors.ts";

/**
 * The MTI of the response to a request or advice: function digit + 1, and a repeat answered as
 * the original (`0100` → `0110`, `0401` → `0410`, `0220` → `0230`).
 *
 * @throws Iso8583Error `MTI_INVALID` for a malformed MTI or one that gets no response (a
 * response, or a notification).
 */
export function responseMtiFor(mti: string): string {
  checkMti(mti);
  const fn = mti.charCodeAt(2) - 48;
  if (fn !== 0 && fn !== 2) {
    throw new Iso8583Error("MTI_INVALID", `MTI ${mti} is not a request or an advice, so it has no response`, 0);
  }
  const origin = mti.charCodeAt(3) - 48;
  return `${mti.slice(0, 2)}${fn + 1}${origin > 5 ? origin : origin & ~1}`;
}
