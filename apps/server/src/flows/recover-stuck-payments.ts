import { listStuckPayments, transitionPayment } from "@enclave/payments";
import { presentPayment } from "../http/present.ts";
import type { FlowDeps } from "./context.ts";
import { recordChange } from "./record-change.ts";

/**
 * Payments left in `processing` by a request that died (process killed during the processor
 * call) are reversed at the processor and returned to `requires_payment_method` with a clear
 * error for the cashier. Runs at start and periodically. Returns how many were recovered.
 */
export async function recoverStuckPayments(deps: FlowDeps, olderThanMs: number): Promise<number> {
  let recovered = 0;
  for (const payment of await listStuckPayments(deps.db, olderThanMs)) {
    const outcome = await deps.processor.reverse({
      paymentId: payment.id,
      amount: payment.amount,
      currency: payment.currency,
    });
    // Not reversed yet: leave it processing and try again next sweep (never drop a reversal).
    if (outcome.status !== "ok") continue;
    await deps.db.transaction(async (tx) => {
      const updated = await transitionPayment(
        tx,
        payment.merchant_id,
        payment.id,
        "processing",
        "requires_payment_method",
        {
          last_error: {
            type: "processing_error",
            code: "authorization_unknown_reversed",
            message: "The payment was interrupted and has been reversed; try again.",
          },
        },
      );
      if (!updated) return;
      recovered++;
      await recordChange(
        tx,
        {
          merchantId: payment.merchant_id,
          livemode: payment.livemode,
          actor: { type: "system", id: "recovery" },
          origin: {},
        },
        {
          action: "payment.reversed",
          outcome: "failure",
          resource: { type: "payment", id: payment.id },
          details: { reason: "interrupted", reversal_reference: outcome.processorReference },
          event: { type: "payment.reversed", data: presentPayment(updated) },
        },
      );
    });
  }
  return recovered;
}
