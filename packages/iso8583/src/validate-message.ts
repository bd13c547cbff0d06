import type { Dialect, DialectMessage } from "./dialect-types.ts";
import { Iso8583Error } from "./errors.ts";
import type { Iso8583Message } from "./types.ts";

function rulesFor(dialect: Dialect, mti: string): DialectMessage {
  const direct = dialect.messages[mti];
  if (direct !== undefined) return direct;
  const origin = typeof mti === "string" && mti.length === 4 ? mti.charCodeAt(3) - 48 : -1;
  if (origin === 1 || origin === 3 || origin === 5) {
    const original = dialect.messages[`${mti.slice(0, 3)}${origin - 1}`];
    if (original?.repeatable) return original;
  }
  throw new Iso8583Error("UNKNOWN_MESSAGE_TYPE", `MTI ${String(mti).slice(0, 4)} is not part of ${dialect.name}`, 0);
}

const missing = (mti: string, number: number, why: string): Iso8583Error =>
  new Iso8583Error("MISSING_MANDATORY_FIELD", `${mti}: field ${number} is missing (${why})`, number);

const unexpected = (mti: string, number: number, why: string): Iso8583Error =>
  new Iso8583Error("UNEXPECTED_FIELD", `${mti}: field ${number} is not expected (${why})`, number);

/**
 * Checks a message against its dialect: the MTI is one the dialect knows, every mandatory field
 * is present (and every conditional one whose condition holds), nothing else is, and the MAC is
 * where it belongs (64 without a secondary bitmap, 128 with one). The first problem is thrown:
 * data fields in field order, then the MAC, then the one-of groups. Field content is the codec's job (`packMessage`/`unpackMessage`).
 *
 * @throws Iso8583Error `UNKNOWN_MESSAGE_TYPE`, `MISSING_MANDATORY_FIELD` or `UNEXPECTED_FIELD`,
 * with `field` set to the field at fault.
 */
export function validateMessage(dialect: Dialect, message: Iso8583Message): void {
  const { mti } = message;
  const rules = rulesFor(dialect, mti);
  const fields = message.fields as Readonly<Record<string, unknown>>;
  const present = (n: number): boolean => fields[n] !== undefined;
  for (const key in fields) {
    const n = Number(key);
    if (fields[key] !== undefined && !(Number.isInteger(n) && n >= 2 && n <= 128 && String(n) === key)) {
      throw new Iso8583Error("UNEXPECTED_FIELD", `${mti}: key is not a data element number`, undefined);
    }
  }
  for (let n = 2; n <= 127; n++) {
    if (n === 64) continue;
    const rule = rules.fields[n];
    if (rule === undefined) {
      if (present(n)) throw unexpected(mti, n, `not part of ${rules.name}`);
    } else if (!present(n)) {
      if (rule.presence === "mandatory") throw missing(mti, n, "mandatory");
      if (rule.presence === "conditional" && rule.requiredWhen?.(message) === true) {
        throw missing(mti, n, `required ${rule.condition ?? "by its condition"}`);
      }
    }
  }
  // The MAC last: where it belongs depends on the data fields, which are known to be right now.
  let secondary = false;
  for (let n = 65; n <= 127; n++) if (present(n)) secondary = true;
  const macField = secondary ? 128 : 64;
  const otherSlot = secondary ? 64 : 128;
  if (present(otherSlot)) {
    throw unexpected(
      mti,
      otherSlot,
      `the MAC goes in field ${macField} when the message ${secondary ? "has a" : "has no"} secondary bitmap`,
    );
  }
  if (present(macField) && rules.mac === "absent") throw unexpected(mti, macField, `${rules.name} carries no MAC`);
  if (!present(macField) && rules.mac === "required") throw missing(mti, macField, "the MAC is required");
  for (const group of rules.atLeastOneOf ?? []) {
    if (!group.some(present)) throw missing(mti, group[0] ?? 0, `one of fields ${group.join(", ")} is required`);
  }
}
