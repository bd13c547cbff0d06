import type { Queryable } from "@enclave/db";
import {
  type AuthorizationResult,
  type CardPresentInput,
  getOrder,
  getPayment,
  type Payment,
  reservedOrderAmount,
  transitionPayment,
} from "@enclave/payments";
import { ApiError, notFound } from "../http/api-error.ts";
import { saveResponse } from "../http/idempotency.ts";
import { presentPayment } from "../http/present.ts";
import type { FlowDeps, FlowResponse, RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";
import { batchFor, settleSuccess } from "./settle-success.ts";

/** The body of POST /v1/payments/:id/confirm. */
export interface ConfirmInput {
  payment_method:
    | { type: "card_present"; card_present: CardPresentInput }
    | { type: "cash"; cash: { tendered: number } };
}

const unexpectedState = (p: Payment) =>
  new ApiError(
    409,
    "invalid_request_error",
    "payment_unexpected_state",
    `The payment is ${p.status}; it cannot be confirmed now.`,
  );

/**
 * Confirms a payment. Cash settles at once. A card goes in two transactions around the call to
 * the processor: first the payment is marked `processing` (so a crash during the call leaves a
 * record that the recovery sweep reverses — never a silent half payment), then the outcome is
 * stored with its audit entry, events and the idempotent response.
 */
export async function confirmPayment(
  deps: FlowDeps,
  ctx: RequestContext,
  paymentId: string,
  input: ConfirmInput,
): Promise<FlowResponse> {
  const method = input.payment_method;
  const first = await deps.db.transaction(async (tx) => {
    const payment = await getPayment(tx, ctx.merchantId, paymentId, true);
    if (!payment) throw notFound("payment", "id");
    if (payment.status !== "requires_payment_method") throw unexpectedState(payment);
    if (method.type !== payment.method) {
      throw new ApiError(
        400,
        "invalid_request_error",
        "payment_method_mismatch",
        `This payment takes ${payment.method}.`,
        { param: "payment_method.type" },
      );
    }
    if (payment.order_id) await checkOrderStillOpen(tx, ctx, payment);
    if (method.type === "cash") {
      // Cash needs no processor: tendered at least the amount, change is given.
      if (method.cash.tendered < payment.amount) {
        throw new ApiError(
          400,
          "invalid_request_error",
          "cash_tendered_too_low",
          "The cash tendered is less than the amount.",
          { param: "payment_method.cash.tendered" },
        );
      }
      const processing = await transitionPayment(
        tx,
        ctx.merchantId,
        payment.id,
        "requires_payment_method",
        "processing",
      );
      if (!processing) throw unexpectedState(payment);
      const batch = await batchFor(tx, ctx, payment.terminal_id);
      const done = await transitionPayment(tx, ctx.merchantId, payment.id, "processing", "succeeded", {
        amount_authorized: payment.amount,
        amount_captured: payment.amount,
        cash_tendered: method.cash.tendered,
        batch_id: batch,
        last_error: null,
      });
      if (!done) throw unexpectedState(payment);
      await settleSuccess(tx, ctx, done, "payment.cash_received");
      const response = { status: 200, body: presentPayment(done) };
      await saveResponse(tx, ctx.merchantId, ctx.idempotency, response);
      return { done: response, processing: undefined };
    }
    const processing = await transitionPayment(
      tx,
      ctx.merchantId,
      payment.id,
      "requires_payment_method",
      "processing",
      { last_error: null },
    );
    if (!processing) throw unexpectedState(payment);
    await recordChange(tx, ctx, {
      action: "payment.processing",
      resource: { type: "payment", id: payment.id },
      details: { amount: payment.amount, currency: payment.currency, entry_mode: method.card_present.entry_mode },
    });
    return { done: undefined, processing };
  });
  if (first.done) return first.done;
  const payment = first.processing;
  if (!payment) throw new Error("unreachable: a card payment is processing here");
  if (method.type !== "card_present") throw new Error("unreachable: cash settled above");

  let result: AuthorizationResult;
  try {
    result = await deps.processor.authorize({
      paymentId: payment.id,
      merchantId: ctx.merchantId,
      terminalId: payment.terminal_id,
      livemode: payment.livemode,
      amount: payment.amount,
      currency: payment.currency,
      capture: payment.capture_method === "automatic",
      card: method.card_present,
    });
  } catch {
    // The outcome is unknown: reverse before telling the cashier anything.
    await deps.processor
      .reverse({ paymentId: payment.id, amount: payment.amount, currency: payment.currency })
      .catch(() => {});
    result = { status: "unknown", message: "The acquirer did not answer; the payment was reversed. Try again." };
  }
  return deps.db.transaction((tx) => recordAuthorization(tx, ctx, payment, result));
}

async function checkOrderStillOpen(tx: Queryable, ctx: RequestContext, payment: Payment): Promise<void> {
  const order = await getOrder(tx, ctx.merchantId, payment.order_id as string, true);
  if (order?.status !== "open")
    throw new ApiError(409, "invalid_request_error", "order_not_open", "The order is no longer open.");
  // Other payments may have been taken since this one was created: never take more than is due.
  if (payment.amount > order.total - (await reservedOrderAmount(tx, order.id))) {
    throw new ApiError(
      400,
      "invalid_request_error",
      "amount_exceeds_balance",
      "The amount exceeds what is left to pay on the order.",
    );
  }
}

/** Stores the processor's answer; the response is saved for idempotent replay in the same transaction. */
async function recordAuthorization(
  tx: Queryable,
  ctx: RequestContext,
  payment: Payment,
  result: AuthorizationResult,
): Promise<FlowResponse> {
  let response: FlowResponse;
  if (result.status === "approved") {
    const automatic = payment.capture_method === "automatic";
    const patch = {
      amount_authorized: result.amountAuthorized,
      amount_captured: automatic ? result.amountAuthorized : 0,
      card: result.card,
      processor_reference: result.processorReference,
      authorization_code: result.authorizationCode,
      ...(automatic ? { batch_id: await batchFor(tx, ctx, payment.terminal_id) } : {}),
    };
    const updated = await transitionPayment(
      tx,
      ctx.merchantId,
      payment.id,
      "processing",
      automatic ? "succeeded" : "requires_capture",
      patch,
    );
    if (!updated) throw unexpectedState(payment);
    if (automatic) {
      await settleSuccess(tx, ctx, updated, "payment.authorized_and_captured");
    } else {
      await recordChange(tx, ctx, {
        action: "payment.authorized",
        resource: { type: "payment", id: payment.id },
        details: { amount_authorized: result.amountAuthorized, currency: payment.currency },
        event: { type: "payment.requires_capture", data: presentPayment(updated) },
      });
    }
    response = { status: 200, body: presentPayment(updated) };
  } else {
    const error =
      result.status === "declined"
        ? {
            type: "card_error" as const,
            code: "card_declined",
            decline_code: result.declineCode,
            message: result.message,
          }
        : { type: "processing_error" as const, code: "authorization_unknown_reversed", message: result.message };
    const updated = await transitionPayment(tx, ctx.merchantId, payment.id, "processing", "requires_payment_method", {
      last_error: error,
      ...(result.status === "declined" && result.card ? { card: result.card } : {}),
    });
    if (!updated) throw unexpectedState(payment);
    const body = presentPayment(updated);
    await recordChange(tx, ctx, {
      action: result.status === "declined" ? "payment.declined" : "payment.reversed",
      outcome: "failure",
      resource: { type: "payment", id: payment.id },
      details: { code: error.code, ...(result.status === "declined" ? { decline_code: result.declineCode } : {}) },
      event: { type: result.status === "declined" ? "payment.failed" : "payment.reversed", data: body },
    });
    response = {
      status: result.status === "declined" ? 402 : 502,
      body: {
        error: {
          type: result.status === "declined" ? "card_error" : "api_error",
          code: error.code,
          message: error.message,
          ...(result.status === "declined" ? { decline_code: result.declineCode } : {}),
          payment: body,
        },
      },
    };
  }
  await saveResponse(tx, ctx.merchantId, ctx.idempotency, response);
  return response;
}
