import { newId, type Queryable } from "@enclave/db";
import type { EventType } from "./event-types.ts";

/** What a flow publishes: the event type and the API representation of the object. */
export interface NewEvent {
  merchantId: string;
  type: EventType;
  livemode: boolean;
  /** The object as the API shows it (already free of secrets and card data). */
  data: Record<string, unknown>;
}

/**
 * Writes a domain event into the outbox inside the caller's transaction, so the event exists if
 * and only if the change it describes committed. Returns the event id.
 */
export async function publishEvent(tx: Queryable, event: NewEvent): Promise<string> {
  const id = newId("evt");
  await tx.query("INSERT INTO outbox_events (id, merchant_id, type, livemode, data) VALUES ($1, $2, $3, $4, $5)", [
    id,
    event.merchantId,
    event.type,
    event.livemode,
    JSON.stringify(event.data),
  ]);
  return id;
}
