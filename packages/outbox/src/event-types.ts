/** Every domain event type the product emits. Consumers switch on these names. */
export const EVENT_TYPES = [
  "merchant.created",
  "api_key.created",
  "api_key.revoked",
  "location.created",
  "terminal.created",
  "catalog_item.created",
  "catalog_item.updated",
  "order.created",
  "order.paid",
  "order.canceled",
  "payment.created",
  "payment.processing",
  "payment.requires_capture",
  "payment.succeeded",
  "payment.failed",
  "payment.canceled",
  "payment.reversed",
  "refund.created",
  "batch.closed",
] as const;

/** A domain event type name. */
export type EventType = (typeof EVENT_TYPES)[number];
