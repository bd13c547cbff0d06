import { checkMti } from "./check-mti.ts";

/**
 * Whether an MTI marks a repeat (origin digit 1, 3 or 5: `0401`, `0221`): a copy sent because no
 * response came, which the receiver must treat as the same transaction, not a new one.
 *
 * @throws Iso8583Error `MTI_INVALID` for a malformed MTI.
 */
export function isRepeat(mti: string): boolean {
  checkMti(mti);
  const origin = mti.charCodeAt(3) - 48;
  return origin <= 5 && (origin & 1) === 1;
}
