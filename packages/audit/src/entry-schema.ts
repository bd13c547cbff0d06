import { z } from "zod";
import { canonicalizeJson, type JsonValue } from "./canonicalize-json.ts";
import { findCardNumber } from "./find-card-number.ts";

/** Who acted: an integrator's API key, a staff member, a platform operator, or the system itself. */
export const AUDIT_ACTOR_TYPES = ["api_key", "staff", "operator", "system"] as const;
/** The kind of actor. */
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** How the action ended: done, failed, or refused by an authorization check. */
export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;
/** The outcome of an audited action. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Caps that keep one entry small: the trail is forever, and large blobs invite secrets. */
export const AUDIT_LIMITS = {
  /** Bytes of the canonical JSON of `details`. */
  detailsBytes: 4096,
  /** Nesting depth inside `details`. */
  detailsDepth: 4,
  /** Characters of a user agent kept (longer ones are cut, not refused: a client controls it). */
  userAgentChars: 256,
  /** Characters of any string value inside `details`. */
  detailStringChars: 1024,
} as const;

/** The body format version; bump it (and teach the verifier) if the body ever changes shape. */
export const AUDIT_BODY_VERSION = 1;

// Identifiers are opaque printable ASCII: no spaces or control characters that could forge
// lines in an exported log.
const identifier = z.string().regex(/^[\x21-\x7e]{1,128}$/, "must be 1-128 printable ASCII characters");
const action = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "must be dotted lower_snake words, e.g. payment.captured");
const resourceType = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, "must be lower_snake, e.g. payment");
const ip = z.union([z.ipv4(), z.ipv6()]);
// Deliberately no secret-looking keys: such a value would sit in an append-only table forever.
const FORBIDDEN_DETAIL_KEY =
  /^(pan|card_?number|cvv2?|cvc2?|csc|track_?[12]?(_?data)?|pin|pin_?block|pass(word|code|phrase)|secret|.*_secret|private_?key|otp|totp_?code)$/i;

/** Checks a JSON value inside `details`; returns why it is refused, or undefined. */
function checkDetail(value: unknown, depth: number, path: string): string | undefined {
  if (value === null || typeof value === "boolean") return undefined;
  if (typeof value === "string") {
    if (value.length > AUDIT_LIMITS.detailStringChars)
      return `${path} is longer than ${AUDIT_LIMITS.detailStringChars}`;
    // PCI DSS 3.3/3.4: a clear PAN must never reach the trail.
    if (findCardNumber(value) >= 0) return `${path} looks like a card number`;
    return undefined;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return `${path} is not a finite number`;
    if (Number.isInteger(value) && findCardNumber(String(value)) >= 0) return `${path} looks like a card number`;
    return undefined;
  }
  if (depth >= AUDIT_LIMITS.detailsDepth) return `${path} is nested deeper than ${AUDIT_LIMITS.detailsDepth}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = checkDetail(value[i], depth + 1, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, v] of Object.entries(value)) {
      if (key.length > 64) return `${path} has a key longer than 64`;
      if (FORBIDDEN_DETAIL_KEY.test(key)) return `${path}.${key} is a key for secret or card data`;
      const problem = checkDetail(v, depth + 1, `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  return `${path} is not a JSON value`;
}

const details = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const problem = checkDetail(value, 0, "details");
  if (problem) {
    ctx.addIssue({ code: "custom", message: problem });
    return;
  }
  const size = Buffer.byteLength(canonicalizeJson(value as JsonValue));
  if (size > AUDIT_LIMITS.detailsBytes) {
    ctx.addIssue({ code: "custom", message: `details are ${size} bytes, more than ${AUDIT_LIMITS.detailsBytes}` });
  }
});

const freeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => findCardNumber(s) < 0, "looks like a card number");

/** The schema of what a caller passes to `appendAuditEntry`. */
export const auditEntryInputSchema = z.strictObject({
  /** null only for platform-level actions that belong to no merchant. */
  merchantId: identifier.nullable(),
  actor: z.strictObject({ type: z.enum(AUDIT_ACTOR_TYPES), id: identifier }),
  action,
  outcome: z.enum(AUDIT_OUTCOMES),
  origin: z
    .strictObject({
      ip: ip.optional(),
      device: identifier.optional(),
      requestId: identifier.optional(),
      userAgent: z
        .string()
        .transform((s) => s.slice(0, AUDIT_LIMITS.userAgentChars))
        .pipe(freeText(AUDIT_LIMITS.userAgentChars))
        .optional(),
    })
    .default({}),
  resource: z.strictObject({ type: resourceType, id: identifier }),
  details: details.default({}),
});

/** What a caller passes to `appendAuditEntry`. Never put a secret or card data in it. */
export type AuditEntryInput = z.input<typeof auditEntryInputSchema>;

/**
 * The schema of the canonical JSON body that is hashed (snake_case, as exported and served).
 * The verifier parses every stored body with it.
 */
export const auditEntryBodySchema = z.strictObject({
  v: z.literal(AUDIT_BODY_VERSION),
  id: z.string().regex(/^aud_[0-9a-f]{32}$/),
  time: z.iso.datetime({ precision: 3 }),
  merchant_id: identifier.nullable(),
  actor: z.strictObject({ type: z.enum(AUDIT_ACTOR_TYPES), id: identifier }),
  action,
  outcome: z.enum(AUDIT_OUTCOMES),
  origin: z.strictObject({
    ip: ip.optional(),
    device: identifier.optional(),
    request_id: identifier.optional(),
    user_agent: freeText(AUDIT_LIMITS.userAgentChars).optional(),
  }),
  resource: z.strictObject({ type: resourceType, id: identifier }),
  details,
});

/** The canonical JSON body of an entry, as stored and hashed. */
export type AuditEntryBody = z.output<typeof auditEntryBodySchema>;

/** An audit entry as read back for the API. */
export interface AuditEntry {
  id: string;
  time: Date;
  merchantId: string | null;
  actor: { type: AuditActorType; id: string };
  action: string;
  outcome: AuditOutcome;
  origin: { ip?: string; device?: string; requestId?: string; userAgent?: string };
  resource: { type: string; id: string };
  details: Record<string, JsonValue>;
  /** Where the entry sits in the hash chain. */
  lane: number;
  seq: number;
  /** SHA-256 chain hash, lowercase hex. */
  hash: string;
}
