/**
 * PostgreSQL type OIDs whose text form we parse the same way on both engines, so code never
 * sees a driver difference: int8 (amounts in minor units, counters) becomes a JS number. Every
 * amount is bounded far below 2^53 by the API schemas, so no precision is lost.
 */
export const INT8_OID = 20;

/** Parses an int8 and refuses values a JS number cannot hold exactly. */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError("int8 value outside the safe integer range");
  return n;
}
