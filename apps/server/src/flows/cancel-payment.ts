import { getPayment, transitionPayment } from "@enclave/payments";
import { ApiError, notFound } from "../http/api-error.ts";
import { saveResponse } from "../http/idempotency.ts";
import { presentPayment } from "../http/present.ts";
import type { FlowDeps, FlowResponse, RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";

/**
 * Cancels a payment before it succeeds. An authorized (uncaptured) payment is voided at the
 * processor first so the cardholder's hold is released.
 */
export async function cancelPayment(
  deps: FlowDeps,
  ctx: RequestContext,
  paymentId: string,
  input: { cancellation_reason?: string | undefined },
): Promise<FlowResponse> {
  const payment = await getPayment(deps.db, ctx.merchantId, paymentId);
  if (!payment) throw notFound("payment", "id");
  if (payment.status !== "requires_payment_method" && payment.status !== "requires_capture") {
    throw new ApiError(
      409,
      "invalid_request_error",
      "payment_unexpected_state",
      `The payment is ${payment.status}; it cannot be canceled. Refund a succeeded payment instead.`,
    );
  }
  if (payment.status === "requires_capture") {
    const outcome = await deps.processor.void({
      paymentId: payment.id,
      processorReference: payment.processor_reference as string,
      amount: payment.amount_authorized,
      currency: payment.currency,
    });
    if (outcome.status === "failed") throw new ApiError(502, "api_error", "void_failed", outcome.message);
  }
  return deps.db.transaction(async (tx) => {
    const updated = await transitionPayment(tx, ctx.merchantId, payment.id, payment.status, "canceled", {
      cancellation_reason: input.cancellation_reason ?? "requested_by_customer",
    });
    if (!updated)
      throw new ApiError(
        409,
        "invalid_request_error",
        "payment_unexpected_state",
        "The payment changed meanwhile; fetch it and retry.",
      );
    const body = presentPayment(updated);
    await recordChange(tx, ctx, {
      action: payment.status === "requires_capture" ? "payment.voided" : "payment.canceled",
      resource: { type: "payment", id: payment.id },
      details: { reason: updated.cancellation_reason },
      event: { type: "payment.canceled", data: body },
    });
    const response = { status: 200, body };
    await saveResponse(tx, ctx.merchantId, ctx.idempotency, response);
    return response;
  });
}
