import { Iso8583Error } from "./errors.ts";

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Field 7, transmission date and time, as `MMDDhhmmss` in UTC (the standard says GMT; local time
 * goes in fields 12 and 13).
 *
 * @throws Iso8583Error `INVALID_ARGUMENT` for an invalid Date.
 */
export function formatTransmissionDateTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new Iso8583Error("INVALID_ARGUMENT", "transmission date and time needs a valid Date");
  }
  return (
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds())
  );
}
