import type { Dialect } from "./dialect-types.ts";
import { Iso8583Error } from "./errors.ts";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Checks a dialect for mistakes that would otherwise surface as puzzling validation errors, and
 * freezes it: every message is keyed by its own MTI, lists only fields its spec defines, never
 * lists the MAC (fields 64/128 follow `mac`) and gives a condition for every conditional field.
 *
 * @throws Iso8583Error `SPEC_INVALID` naming the message and field.
 */
export function defineDialect(dialect: Dialect): Dialect {
  for (const [key, message] of Object.entries(dialect.messages)) {
    if (message.mti !== key || !/^\d{4}$/.test(key)) {
      throw new Iso8583Error("SPEC_INVALID", `${dialect.name}: message ${key} must be keyed by its 4-digit MTI`);
    }
    for (const [fieldKey, rule] of Object.entries(message.fields)) {
      const n = Number(fieldKey);
      if (n === 64 || n === 128) {
        throw new Iso8583Error("SPEC_INVALID", `${dialect.name} ${key}: field ${n} is the MAC, set by "mac"`, n);
      }
      if (dialect.spec.fields[n] === undefined) {
        throw new Iso8583Error(
          "SPEC_INVALID",
          `${dialect.name} ${key}: field ${fieldKey} is not in ${dialect.spec.name}`,
        );
      }
      if (rule.presence === "conditional" && rule.condition === undefined) {
        throw new Iso8583Error("SPEC_INVALID", `${dialect.name} ${key}: conditional field ${n} needs a condition`, n);
      }
    }
    for (const group of message.atLeastOneOf ?? []) {
      for (const n of group) {
        if (message.fields[n] === undefined) {
          throw new Iso8583Error(
            "SPEC_INVALID",
            `${dialect.name} ${key}: field ${n} of a one-of group is not listed`,
            n,
          );
        }
      }
    }
  }
  return deepFreeze(dialect);
}
