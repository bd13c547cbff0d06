import type { Queryable } from "@enclave/db";
import { addOrderPayment, openBatchId, type Payment } from "@enclave/payments";
import { presentOrder, presentPayment } from "../http/present.ts";
import type { RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";

/** The batch a payment joins when it succeeds (taken before the transition that sets it). */
export function batchFor(tx: Queryable, ctx: RequestContext, terminalId: string): Promise<string> {
  return openBatchId(tx, ctx.merchantId, terminalId);
}

/**
 * What follows a payment reaching `succeeded`, in the same transaction: its order's paid amount
 * (and `paid` status once covered), the audit entries and the events.
 */
export async function settleSuccess(
  tx: Queryable,
  ctx: RequestContext,
  payment: Payment,
  action: string,
): Promise<void> {
  await recordChange(tx, ctx, {
    action,
    resource: { type: "payment", id: payment.id },
    details: {
      amount_captured: payment.amount_captured,
      currency: payment.currency,
      method: payment.method,
      batch: payment.batch_id,
    },
    event: { type: "payment.succeeded", data: presentPayment(payment) },
  });
  if (!payment.order_id) return;
  const order = await addOrderPayment(tx, ctx.merchantId, payment.order_id, payment.amount_captured);
  if (order.status === "paid" && order.amount_paid - payment.amount_captured < order.total) {
    await recordChange(tx, ctx, {
      action: "order.paid",
      resource: { type: "order", id: order.id },
      details: { amount_paid: order.amount_paid },
      event: { type: "order.paid", data: presentOrder(order) },
    });
  }
}
