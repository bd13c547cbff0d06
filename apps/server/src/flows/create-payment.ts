import { getTerminal } from "@enclave/merchants";
import { getOrder, insertPayment, reservedOrderAmount } from "@enclave/payments";
import { ApiError, notFound } from "../http/api-error.ts";
import { saveResponse } from "../http/idempotency.ts";
import { presentPayment } from "../http/present.ts";
import { type ConfirmInput, confirmPayment } from "./confirm-payment.ts";
import type { FlowDeps, FlowResponse, RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";

/** The body of POST /v1/payments. */
export interface CreatePaymentInput {
  terminal: string;
  order?: string | undefined;
  amount?: number | undefined;
  currency?: string | undefined;
  payment_method_type: "card_present" | "cash";
  capture_method: "automatic" | "manual";
  confirm: boolean;
  payment_method?: ConfirmInput["payment_method"] | undefined;
  metadata: Record<string, string>;
}

/**
 * Creates a payment for an order's balance (or a standalone amount) at a terminal; with
 * `confirm: true` it goes straight on to authorization, as a terminal does for a card tap.
 */
export async function createPayment(
  deps: FlowDeps,
  ctx: RequestContext,
  input: CreatePaymentInput,
): Promise<FlowResponse> {
  const payment = await deps.db.transaction(async (tx) => {
    const terminal = await getTerminal(tx, ctx.merchantId, input.terminal);
    if (!terminal) throw notFound("terminal", "terminal");
    let amount = input.amount;
    let currency = input.currency;
    if (input.order) {
      // Lock the order so the balance check and the new payment are one step.
      const order = await getOrder(tx, ctx.merchantId, input.order, true);
      if (!order) throw notFound("order", "order");
      if (order.status !== "open")
        throw new ApiError(409, "invalid_request_error", "order_not_open", `The order is ${order.status}.`, {
          param: "order",
        });
      if (currency && currency !== order.currency) {
        throw new ApiError(400, "invalid_request_error", "currency_mismatch", `The order is in ${order.currency}.`, {
          param: "currency",
        });
      }
      currency = order.currency;
      const balance = order.total - (await reservedOrderAmount(tx, order.id));
      amount ??= balance;
      if (amount <= 0)
        throw new ApiError(409, "invalid_request_error", "order_fully_paid", "The order has nothing left to pay.", {
          param: "order",
        });
      if (amount > balance) {
        throw new ApiError(
          400,
          "invalid_request_error",
          "amount_exceeds_balance",
          `The amount exceeds the order's balance of ${balance}.`,
          { param: "amount" },
        );
      }
    }
    if (amount === undefined)
      throw new ApiError(400, "invalid_request_error", "parameter_missing", "Give an order or an amount.", {
        param: "amount",
      });
    if (!currency)
      throw new ApiError(400, "invalid_request_error", "parameter_missing", "Give an order or a currency.", {
        param: "currency",
      });
    const created = await insertPayment(tx, {
      merchant_id: ctx.merchantId,
      livemode: ctx.livemode,
      order_id: input.order ?? null,
      terminal_id: terminal.id,
      method: input.payment_method_type,
      capture_method: input.capture_method,
      currency,
      amount,
      metadata: input.metadata,
    });
    const body = presentPayment(created);
    await recordChange(tx, ctx, {
      action: "payment.created",
      resource: { type: "payment", id: created.id },
      details: { amount, currency, method: created.method, order: created.order_id },
      event: { type: "payment.created", data: body },
    });
    if (!input.confirm) await saveResponse(tx, ctx.merchantId, ctx.idempotency, { status: 200, body });
    return created;
  });
  if (!input.confirm) return { status: 200, body: presentPayment(payment) };
  if (!input.payment_method) {
    throw new ApiError(400, "invalid_request_error", "parameter_missing", "confirm: true needs a payment_method.", {
      param: "payment_method",
    });
  }
  return confirmPayment(deps, ctx, payment.id, { payment_method: input.payment_method });
}
