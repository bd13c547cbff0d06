import type { Queryable } from "@enclave/db";
import { z } from "zod";
import type { JsonValue } from "./canonicalize-json.ts";
import { type AuditEntry, auditEntryBodySchema } from "./entry-schema.ts";
import { AuditError } from "./errors.ts";
import { toBuffer } from "./to-buffer.ts";

/** Options of `listAuditEntries`. */
export interface ListAuditEntriesOptions {
  /** The tenant whose entries are listed; null lists platform-level entries (operators only). */
  merchantId: string | null;
  /** 1–100, default 10. */
  limit?: number | undefined;
  /** The id of the last entry of the previous page (entries come newest first). */
  startingAfter?: string | undefined;
  /** Only entries about this resource id. */
  resourceId?: string | undefined;
  /** Only entries of this action, e.g. `payment.refunded`. */
  action?: string | undefined;
}

/** One page of entries, newest first. */
export interface AuditEntryPage {
  data: AuditEntry[];
  hasMore: boolean;
}

const identifier = z.string().regex(/^[\x21-\x7e]{1,128}$/);
const optionsSchema = z.strictObject({
  merchantId: identifier.nullable(),
  limit: z.number().int().min(1).max(100).default(10),
  startingAfter: z
    .string()
    .regex(/^aud_[0-9a-f]{32}$/)
    .optional(),
  resourceId: identifier.optional(),
  action: z.string().max(64).optional(),
});

/**
 * Lists a merchant's audit entries, newest first, with cursor pagination (`startingAfter` is
 * the id of the last entry already seen). Always scoped to one tenant: there is no way to list
 * across merchants. Entries are read from their hashed body, so what is shown is what was signed.
 *
 * @throws AuditError LIST_PARAMS_INVALID when an option is malformed.
 */
export async function listAuditEntries(q: Queryable, options: ListAuditEntriesOptions): Promise<AuditEntryPage> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AuditError("LIST_PARAMS_INVALID", `invalid audit list parameters: ${why}`);
  }
  const o = parsed.data;
  const params: unknown[] = [];
  const where: string[] = [];
  // Invariant: every tenant query filters on merchant_id; null is its own scope, never "all".
  if (o.merchantId === null) where.push("merchant_id IS NULL");
  else {
    params.push(o.merchantId);
    where.push(`merchant_id = $${params.length}`);
  }
  if (o.resourceId !== undefined) {
    params.push(o.resourceId);
    where.push(`resource_id = $${params.length}`);
  }
  if (o.action !== undefined) {
    params.push(o.action);
    where.push(`action = $${params.length}`);
  }
  if (o.startingAfter !== undefined) {
    params.push(o.startingAfter);
    where.push(`id < $${params.length}`);
  }
  params.push(o.limit + 1);
  const rows = await q.query<{ lane: number; seq: number; hash: unknown; body: string }>(
    `SELECT lane, seq, hash, body FROM audit_entries WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.rows.slice(0, o.limit);
  return { data: page.map(entryFromRow), hasMore: rows.rows.length > o.limit };
}

function entryFromRow(row: { lane: number; seq: number; hash: unknown; body: string }): AuditEntry {
  // A body that no longer parses means tampering: fail loudly rather than show a guess.
  const b = auditEntryBodySchema.parse(JSON.parse(row.body));
  return {
    id: b.id,
    time: new Date(b.time),
    merchantId: b.merchant_id,
    actor: b.actor,
    action: b.action,
    outcome: b.outcome,
    origin: {
      ...(b.origin.ip !== undefined ? { ip: b.origin.ip } : {}),
      ...(b.origin.device !== undefined ? { device: b.origin.device } : {}),
      ...(b.origin.request_id !== undefined ? { requestId: b.origin.request_id } : {}),
      ...(b.origin.user_agent !== undefined ? { userAgent: b.origin.user_agent } : {}),
    },
    resource: b.resource,
    details: b.details as Record<string, JsonValue>,
    lane: row.lane,
    seq: row.seq,
    hash: toBuffer(row.hash).toString("hex"),
  };
}
