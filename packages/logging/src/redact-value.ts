import { stdSerializers } from "pino";
import { maskPans } from "./mask-pans.ts";
import { redactText } from "./redact-text.ts";
import { isRedactedKey } from "./redacted-keys.ts";

const REDACTED = "[REDACTED]";
/** Deeper than any log record should be; past it, content is dropped rather than left unchecked. */
const MAX_DEPTH = 32;
/** A PAN-length integer has 13 to 19 digits. */
const MIN_PAN_INTEGER = 1e12;
const MAX_PAN_INTEGER = 1e19;
const MIN_PAN_BIGINT = BigInt(MIN_PAN_INTEGER);
const MAX_PAN_BIGINT = BigInt(MAX_PAN_INTEGER);

/**
 * Returns `v` with every secret masked: values under secret property names (see `REDACTED_KEYS`) become
 * `[REDACTED]`, and every string (also property names) and PAN-length integer goes through `redactText`.
 * Errors become pino's `{ type, message, stack, … }` shape (causes included), redacted, so a stack trace
 * that quotes a card number is masked too.
 *
 * Design (a logging hot path): copy-on-write. Every node is inspected, but an object or array is copied
 * only when something inside it changed; otherwise the very same reference comes back, so a record with
 * nothing to redact costs no allocation. Callers may compare `redactValue(v) === v` to learn that.
 */
export function redactValue(v: unknown): unknown {
  return redact(v, undefined, []);
}

function redact(v: unknown, parentKey: string | undefined, ancestors: object[]): unknown {
  switch (typeof v) {
    case "string":
      return redactText(v);
    case "number":
      // Most numbers are small: the magnitude test comes first and costs no conversion.
      return Math.abs(v) >= MIN_PAN_INTEGER && Math.abs(v) < MAX_PAN_INTEGER && Number.isInteger(v)
        ? maskedIntegerOr(v, String(Math.abs(v)))
        : v;
    case "bigint": {
      const abs = v < 0n ? -v : v;
      return abs >= MIN_PAN_BIGINT && abs < MAX_PAN_BIGINT ? maskedIntegerOr(v, String(abs)) : v;
    }
    case "object":
      break;
    default:
      return v;
  }
  if (v === null) return v;
  // A cycle back to an original whose copy replaced it would print the unredacted original; cut it here.
  if (ancestors.includes(v)) return "[Circular]";
  if (ancestors.length >= MAX_DEPTH) return "[Too deep]";

  if (v instanceof Error) return redact(stdSerializers.err(v), parentKey, ancestors);

  ancestors.push(v);
  try {
    // JSON.stringify prints what toJSON returns (Date, Buffer, URL, domain objects); check that instead.
    if (typeof (v as { toJSON?: unknown }).toJSON === "function") {
      const json = (v as { toJSON: () => unknown }).toJSON();
      const redacted = redact(json, parentKey, ancestors);
      return redacted === json ? v : redacted;
    }
    if (Array.isArray(v)) return redactArray(v, parentKey, ancestors);
    return redactObject(v as Record<string, unknown>, parentKey, ancestors);
  } finally {
    ancestors.pop();
  }
}

function redactArray(items: readonly unknown[], parentKey: string | undefined, ancestors: object[]): unknown {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // Array items inherit the array's name, so `cards: [{ number }]` is still recognised as a card.
    const redacted = redact(item, parentKey, ancestors);
    if (redacted !== item) {
      copy ??= items.slice();
      copy[i] = redacted;
    }
  }
  return copy ?? items;
}

/** `parentKey` is the name this object sits under, so `number` can be judged by whether it is a card's. */
function redactObject(obj: Record<string, unknown>, parentKey: string | undefined, ancestors: object[]): unknown {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    let redacted: unknown;
    if (isRedactedKey(key, parentKey)) {
      // null/undefined say "there is none", which is safe and useful to see.
      redacted = value === undefined || value === null ? value : REDACTED;
    } else {
      redacted = redact(value, key, ancestors);
    }
    // A card number used as a property name (e.g. a map keyed by PAN) is masked like any other text.
    const safeKey = key.length >= 13 ? redactText(key) : key;
    if (redacted !== value || safeKey !== key) {
      copy ??= { ...obj };
      if (safeKey !== key) delete copy[key];
      copy[safeKey] = redacted;
    }
  }
  return copy ?? obj;
}

function maskedIntegerOr(v: number | bigint, digits: string): unknown {
  const masked = maskPans(digits);
  if (masked === digits) return v;
  // A number cannot hold "*": the masked PAN is logged as a string.
  return v < 0 ? `-${masked}` : masked;
}
