import { checkMti } from "./check-mti.ts";
import { Iso8583Error } from "./errors.ts";

/** What field 90 points back to: the original message of a reversal or a completion advice. */
export interface OriginalDataElements {
  /** MTI of the original (e.g. `0100`, `0200`). */
  readonly mti: string;
  /** Its field 11 (6 digits). */
  readonly stan: string;
  /** Its field 7 (10 digits, MMDDhhmmss). */
  readonly transmissionDateTime: string;
  /** Its field 32, up to 11 digits (default: zeros). */
  readonly acquirerId?: string;
  /** Its field 33, up to 11 digits (default: zeros). */
  readonly forwardingId?: string;
}

function digits(value: string, length: number, what: string, pad: boolean): string {
  if (typeof value !== "string" || value.length > length || (!pad && value.length !== length)) {
    throw new Iso8583Error(
      "INVALID_ARGUMENT",
      `field 90 (original data elements): ${what} must be ${pad ? "up to " : ""}${length} digits`,
      90,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) {
      throw new Iso8583Error("INVALID_ARGUMENT", `field 90 (original data elements): ${what} must be digits`, 90);
    }
  }
  return value.padStart(length, "0");
}

/**
 * Field 90 (`n 42`): original MTI (4), STAN (6), transmission date and time (10), acquiring and
 * forwarding institution IDs (11 each, right-justified, zero-filled) — how the host finds the
 * message a reversal or advice refers to.
 *
 * @throws Iso8583Error `INVALID_ARGUMENT` (field 90) when a part is not digits of the right length.
 */
export function formatOriginalDataElements(original: OriginalDataElements): string {
  checkMti(original.mti);
  return (
    original.mti +
    digits(original.stan, 6, "STAN", false) +
    digits(original.transmissionDateTime, 10, "transmission date and time", false) +
    digits(original.acquirerId ?? "", 11, "acquirer ID", true) +
    digits(original.forwardingId ?? "", 11, "forwarding ID", true)
  );
}
