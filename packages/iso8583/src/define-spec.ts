import { compileSpec } from "./compile-spec.ts";
import type { FieldSpec, MessageSpec } from "./types.ts";

/**
 * Validates a message layout, precomputes its per-field tables and returns a frozen copy: the
 * only kind of spec `packMessage` and `unpackMessage` accept. Validation happens here, once, so
 * a mistake in a layout (an LLVAR longer than 99, BCD text, a date on an alphanumeric field)
 * fails at startup with `SPEC_INVALID` instead of on the first message.
 */
export function defineSpec(definition: MessageSpec): MessageSpec {
  const fields: Record<number, FieldSpec> = {};
  for (const [key, field] of Object.entries(definition.fields)) {
    fields[Number(key)] = Object.freeze({ ...field });
  }
  const spec: MessageSpec = Object.freeze({
    name: definition.name,
    mtiEncoding: definition.mtiEncoding,
    bitmapEncoding: definition.bitmapEncoding,
    fields: Object.freeze(fields),
  });
  compileSpec(spec);
  return spec;
}
