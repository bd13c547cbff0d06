import type { Iso8583Message, MessageSpec } from "./types.ts";

/**
 * Whether a message carries a field: always (`mandatory`), under a stated condition
 * (`conditional`), or when the sender has it (`optional`).
 */
export type Presence = "mandatory" | "conditional" | "optional";

/** One field of one message type in a dialect. */
export interface DialectField {
  readonly presence: Presence;
  /** What we put in it (documentation, rendered in docs/iso8583.md). */
  readonly use: string;
  /** For `conditional`: when the field is present, in words. */
  readonly condition?: string;
  /**
   * For `conditional`: the part of the condition a machine can check, returning true when the
   * field is required. Without it the field is allowed but never demanded.
   */
  readonly requiredWhen?: (message: Iso8583Message) => boolean;
}

/** The rules of one message type. Fields not listed (and not the MAC) are unexpected. */
export interface DialectMessage {
  readonly mti: string;
  readonly name: string;
  /** Whether the repeat of this MTI (origin digit + 1, e.g. `0421`) follows the same rules. */
  readonly repeatable: boolean;
  readonly fields: Readonly<Record<number, DialectField>>;
  /** Groups of fields of which at least one must be present (e.g. PAN or track 2). */
  readonly atLeastOneOf?: readonly (readonly number[])[];
  /**
   * The MAC: field 64 when the message has only a primary bitmap, field 128 when it has a
   * secondary one (ISO 8583:1987: the MAC is always the last field). `required`, `optional`, or
   * `absent`.
   */
  readonly mac: "required" | "optional" | "absent";
}

/** A dialect: a wire layout plus which fields each message type carries. */
export interface Dialect {
  readonly name: string;
  readonly spec: MessageSpec;
  readonly messages: Readonly<Record<string, DialectMessage>>;
}
