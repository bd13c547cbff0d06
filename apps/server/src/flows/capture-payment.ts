import { getPayment, transitionPayment } from "@enclave/payments";
import { ApiError, notFound } from "../http/api-error.ts";
import { saveResponse } from "../http/idempotency.ts";
import { presentPayment } from "../http/present.ts";
import type { FlowDeps, FlowResponse, RequestContext } from "./context.ts";
import { batchFor, settleSuccess } from "./settle-success.ts";

/**
 * Captures an authorized payment, in full or in part (the rest of the hold is released). The
 * processor is told first; the guarded transition then makes a concurrent second capture fail.
 */
export async function capturePayment(
  deps: FlowDeps,
  ctx: RequestContext,
  paymentId: string,
  input: { amount_to_capture?: number | undefined },
): Promise<FlowResponse> {
  const payment = await getPayment(deps.db, ctx.merchantId, paymentId);
  if (!payment) throw notFound("payment", "id");
  if (payment.status !== "requires_capture") {
    throw new ApiError(
      409,
      "invalid_request_error",
      "payment_unexpected_state",
      `The payment is ${payment.status}; only an authorized payment can be captured.`,
    );
  }
  const amount = input.amount_to_capture ?? payment.amount_authorized;
  if (amount > payment.amount_authorized) {
    throw new ApiError(
      400,
      "invalid_request_error",
      "amount_exceeds_authorized",
      `At most ${payment.amount_authorized} can be captured.`,
      { param: "amount_to_capture" },
    );
  }
  const outcome = await deps.processor.capture({
    paymentId: payment.id,
    processorReference: payment.processor_reference as string,
    amount,
    currency: payment.currency,
  });
  if (outcome.status === "failed") throw new ApiError(502, "api_error", "capture_failed", outcome.message);
  return deps.db.transaction(async (tx) => {
    const batch = await batchFor(tx, ctx, payment.terminal_id);
    const updated = await transitionPayment(tx, ctx.merchantId, payment.id, "requires_capture", "succeeded", {
      amount_captured: amount,
      batch_id: batch,
    });
    if (!updated)
      throw new ApiError(
        409,
        "invalid_request_error",
        "payment_unexpected_state",
        "The payment was captured or canceled meanwhile.",
      );
    await settleSuccess(tx, ctx, updated, "payment.captured");
    const response = { status: 200, body: presentPayment(updated) };
    await saveResponse(tx, ctx.merchantId, ctx.idempotency, response);
    return response;
  });
}
