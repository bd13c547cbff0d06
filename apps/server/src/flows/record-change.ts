import { appendAuditEntry } from "@enclave/audit";
import type { Queryable } from "@enclave/db";
import { type EventType, publishEvent } from "@enclave/outbox";
import type { RequestContext } from "./context.ts";

/** One state change, as the audit trail and the outbox see it. */
export interface Change {
  action: string;
  resource: { type: string; id: string };
  outcome?: "success" | "failure" | "denied";
  details?: Record<string, unknown>;
  /** The domain event to publish, with the object as the API shows it. */
  event?: { type: EventType; data: Record<string, unknown> };
}

/**
 * Writes the audit entry (PCI DSS 10.2) and the outbox event of a change inside the caller's
 * transaction: both exist exactly when the change committed.
 */
export async function recordChange(tx: Queryable, ctx: RequestContext, change: Change): Promise<void> {
  await appendAuditEntry(tx, {
    merchantId: ctx.merchantId,
    actor: ctx.actor,
    action: change.action,
    outcome: change.outcome ?? "success",
    origin: ctx.origin,
    resource: change.resource,
    details: change.details ?? {},
  });
  if (change.event) {
    await publishEvent(tx, {
      merchantId: ctx.merchantId,
      type: change.event.type,
      livemode: ctx.livemode,
      data: change.event.data,
    });
  }
}
