import type { Queryable } from "@enclave/db";

/** An event as stored and shown by the API. */
export interface StoredEvent {
  id: string;
  type: string;
  livemode: boolean;
  data: Record<string, unknown>;
  created_at: Date;
  published_at: Date | null;
}

/** Lists a merchant's events newest first, `limit` at a time, after the cursor `startingAfter`. */
export async function listEvents(
  q: Queryable,
  options: { merchantId: string; limit: number; startingAfter?: string | undefined; type?: string | undefined },
): Promise<StoredEvent[]> {
  const r = await q.query<StoredEvent>(
    `SELECT id, type, livemode, data, created_at, published_at FROM outbox_events
      WHERE merchant_id = $1 AND ($2::text IS NULL OR id < $2) AND ($3::text IS NULL OR type = $3)
      ORDER BY id DESC LIMIT $4`,
    [options.merchantId, options.startingAfter ?? null, options.type ?? null, options.limit],
  );
  return r.rows;
}

/**
 * Takes up to `limit` unpublished events, oldest first, for a consumer (webhooks, NATS relay),
 * locking them so that several relays never deliver the same event twice at once. Call inside a
 * transaction together with `markPublished`.
 */
export async function claimUnpublished(
  tx: Queryable,
  limit: number,
): Promise<Array<StoredEvent & { merchant_id: string }>> {
  const r = await tx.query<StoredEvent & { merchant_id: string }>(
    `SELECT id, merchant_id, type, livemode, data, created_at, published_at FROM outbox_events
      WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return r.rows;
}

/** Marks events as delivered to their consumer. */
export async function markPublished(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query("UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::text[])", [ids]);
}
