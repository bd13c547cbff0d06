import { defineSpec } from "./define-spec.ts";
import { Iso8583Error } from "./errors.ts";
import type { FieldSpec, MessageSpec } from "./types.ts";

/**
 * A new spec equal to `spec` except for the given fields: each override is merged over the
 * field's definition (set a property to `undefined` to drop it, e.g. `prefixEncoding` when a
 * field becomes fixed) or, for a field the spec lacks, must be a complete definition. This is
 * how an acquirer's deviations from the standard table are written down, next to the standard.
 */
export function withFieldOverrides(
  spec: MessageSpec,
  overrides: Readonly<Record<number, Partial<FieldSpec>>>,
  name = `${spec.name} (overridden)`,
): MessageSpec {
  const fields: Record<number, FieldSpec> = { ...spec.fields };
  for (const [key, override] of Object.entries(overrides)) {
    const number = Number(key);
    const merged = { ...spec.fields[number], ...override };
    if (merged.name === undefined || merged.notation === undefined || merged.content === undefined) {
      throw new Iso8583Error("SPEC_INVALID", `field ${number}: not in ${spec.name}, so the override must be complete`);
    }
    fields[number] = merged as FieldSpec;
  }
  return defineSpec({ ...spec, name, fields });
}
