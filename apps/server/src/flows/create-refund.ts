import { newId } from "@enclave/db";
import { getTerminal } from "@enclave/merchants";
import { lineRefundAmount } from "@enclave/money";
import {
  addOrderRefund,
  getOrder,
  getPayment,
  insertRefund,
  type Order,
  openBatchId,
  reserveRefund,
} from "@enclave/payments";
import { ApiError, notFound } from "../http/api-error.ts";
import { saveResponse } from "../http/idempotency.ts";
import { presentRefund } from "../http/present.ts";
import type { FlowDeps, FlowResponse, RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";

/** The body of POST /v1/refunds: an amount, or order lines and quantities, or neither (the rest). */
export interface CreateRefundInput {
  payment: string;
  amount?: number | undefined;
  lines?: Array<{ line: string; quantity: number }> | undefined;
  terminal?: string | undefined;
  reason?: "requested_by_customer" | "duplicate" | "fraudulent" | "returned_goods" | undefined;
  metadata: Record<string, string>;
}

/**
 * Refunds part or all of a captured payment. Safe under concurrent requests: the payment row
 * is updated with a guard (`refunded + amount <= captured`) and the database's CHECK refuses any
 * total above what was captured, so two refunds racing can never exceed it.
 */
export async function createRefund(
  deps: FlowDeps,
  ctx: RequestContext,
  input: CreateRefundInput,
): Promise<FlowResponse> {
  if (input.amount !== undefined && input.lines) {
    throw new ApiError(400, "invalid_request_error", "parameter_conflict", "Give an amount or lines, not both.", {
      param: "lines",
    });
  }
  return deps.db.transaction(async (tx) => {
    const payment = await getPayment(tx, ctx.merchantId, input.payment);
    if (!payment) throw notFound("payment", "payment");
    if (payment.status !== "succeeded") {
      throw new ApiError(
        409,
        "invalid_request_error",
        "payment_unexpected_state",
        `The payment is ${payment.status}; only a succeeded payment can be refunded.`,
        { param: "payment" },
      );
    }
    const terminalId = input.terminal ?? payment.terminal_id;
    if (input.terminal && !(await getTerminal(tx, ctx.merchantId, input.terminal)))
      throw notFound("terminal", "terminal");

    let amount = input.amount;
    let order: Order | undefined;
    let refundLines: Array<{ line: string; quantity: number; amount: number }> | null = null;
    if (input.lines) {
      if (!payment.order_id)
        throw new ApiError(
          400,
          "invalid_request_error",
          "payment_has_no_order",
          "Line refunds need a payment of an order.",
          { param: "lines" },
        );
      order = await getOrder(tx, ctx.merchantId, payment.order_id, true);
      if (!order) throw notFound("order");
      refundLines = input.lines.map((want, i) => {
        const line = order?.lines.find((l) => l.id === want.line);
        if (!line) throw notFound("order line", `lines.${i}.line`);
        if (line.quantity_refunded + want.quantity > line.quantity) {
          throw new ApiError(
            400,
            "invalid_request_error",
            "refund_quantity_exceeded",
            `Only ${line.quantity - line.quantity_refunded} of line ${line.id} are left to refund.`,
            { param: `lines.${i}.quantity` },
          );
        }
        const lineAmount = lineRefundAmount(
          {
            grossAmount: line.gross_amount,
            discountAmount: line.discount_amount,
            netAmount: line.net_amount,
            taxAmount: line.tax_amount,
            totalAmount: line.total_amount,
          },
          line.quantity,
          want.quantity,
          line.quantity_refunded,
        );
        line.quantity_refunded += want.quantity;
        return { line: line.id, quantity: want.quantity, amount: lineAmount };
      });
      amount = refundLines.reduce((sum, l) => sum + l.amount, 0);
    }
    amount ??= payment.amount_captured - payment.amount_refunded;
    if (amount <= 0)
      throw new ApiError(
        400,
        "invalid_request_error",
        "charge_already_refunded",
        "Nothing is left to refund on this payment.",
        { param: "payment" },
      );
    const reserved = await reserveRefund(tx, ctx.merchantId, payment.id, amount);
    if (!reserved) {
      throw new ApiError(
        400,
        "invalid_request_error",
        "refund_exceeds_captured",
        `At most ${payment.amount_captured - payment.amount_refunded} is left to refund on this payment.`,
        { param: "amount" },
      );
    }
    // The id exists before the processor call so the acquirer can correlate its refund with ours.
    const refundId = newId("re");
    let processorReference: string | null = null;
    if (payment.method === "card_present") {
      const outcome = await deps.processor.refund({
        paymentId: payment.id,
        refundId,
        processorReference: payment.processor_reference as string,
        amount,
        currency: payment.currency,
      });
      // Throwing rolls back the reservation: nothing is refunded in our books either.
      if (outcome.status === "failed") throw new ApiError(502, "api_error", "refund_failed", outcome.message);
      processorReference = outcome.processorReference;
    }
    const batchId = await openBatchId(tx, ctx.merchantId, terminalId);
    const refund = await insertRefund(tx, {
      id: refundId,
      merchant_id: ctx.merchantId,
      payment_id: payment.id,
      terminal_id: terminalId,
      amount,
      currency: payment.currency,
      status: "succeeded",
      reason: input.reason ?? null,
      lines: refundLines,
      processor_reference: processorReference,
      batch_id: batchId,
      metadata: input.metadata,
    });
    if (payment.order_id) await addOrderRefund(tx, ctx.merchantId, payment.order_id, amount, order?.lines);
    const body = presentRefund(refund);
    await recordChange(tx, ctx, {
      action: "refund.created",
      resource: { type: "refund", id: refund.id },
      details: { payment: payment.id, amount, currency: payment.currency, lines: refundLines?.length ?? 0 },
      event: { type: "refund.created", data: body },
    });
    const response = { status: 200, body };
    await saveResponse(tx, ctx.merchantId, ctx.idempotency, response);
    return response;
  });
}
