import assert from "node:assert/strict";
import { Iso8583Error, type Iso8583ErrorCode } from "../errors.ts";

/**
 * Test helper: runs `action`, asserts it throws an Iso8583Error with this code and field, and
 * that the message names the field (the MTI as "MTI") and contains none of `secrets`.
 */
export function assertRefused(
  action: () => unknown,
  code: Iso8583ErrorCode,
  field: number | undefined,
  secrets: readonly string[] = [],
): Iso8583Error {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Iso8583Error, `expected Iso8583Error ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.field, field, caught.message);
  if (field !== undefined) assert.match(caught.message, field === 0 ? /MTI/ : new RegExp(`field ${field}\\b`));
  for (const secret of secrets) assert.ok(!caught.message.includes(secret), `message leaks a value: ${caught.message}`);
  return caught;
}
