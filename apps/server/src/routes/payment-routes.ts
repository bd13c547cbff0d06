import {
  cancelOrder,
  getBatch,
  getOrder,
  getPayment,
  getRefund,
  listBatches,
  listOrders,
  listPayments,
  listRefunds,
  TEST_CARDS,
} from "@enclave/payments";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { cancelPayment } from "../flows/cancel-payment.ts";
import { capturePayment } from "../flows/capture-payment.ts";
import { closeBatch } from "../flows/close-batch.ts";
import { confirmPayment } from "../flows/confirm-payment.ts";
import type { FlowDeps } from "../flows/context.ts";
import { createOrder } from "../flows/create-order.ts";
import { createPayment } from "../flows/create-payment.ts";
import { createRefund } from "../flows/create-refund.ts";
import { recordChange } from "../flows/record-change.ts";
import { ApiError, notFound } from "../http/api-error.ts";
import { type Idempotency, saveResponse } from "../http/idempotency.ts";
import { listOf, PageQuery, toList } from "../http/pagination.ts";
import { presentBatch, presentOrder, presentPayment, presentRefund } from "../http/present.ts";
import { idempotent, principalOf } from "../http/request-context.ts";
import {
  Amount,
  AmountOrZero,
  BatchObject,
  Currency,
  DiscountInput,
  ErrorBody,
  Id,
  Metadata,
  OrderObject,
  PaymentObject,
  RefundObject,
} from "../http/schemas.ts";

const IdParams = z.strictObject({ id: Id });
const IdempotencyHeader = z.object({
  "idempotency-key": z.string().optional().describe("Required: makes retries safe (DESIGN §6)"),
});
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  402: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  502: ErrorBody,
};

const OrderLineInput = z.union([
  z.strictObject({
    catalog_item: Id,
    quantity: z.number().int().min(1).max(10000),
    discount: DiscountInput.optional(),
  }),
  z.strictObject({
    name: z.string().min(1).max(200),
    unit_amount: AmountOrZero,
    tax_rate_bps: z.number().int().min(0).max(10000),
    quantity: z.number().int().min(1).max(10000),
    discount: DiscountInput.optional(),
  }),
]);

const PaymentMethodInput = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("card_present"),
    card_present: z.strictObject({
      type: z.literal("test_card"),
      test_card: z
        .enum(Object.keys(TEST_CARDS) as [string, ...string[]])
        .describe("A named test card (docs: Test cards)"),
      entry_mode: z.enum(["chip", "contactless", "swipe", "keyed"]).default("contactless"),
    }),
  }),
  z.strictObject({ type: z.literal("cash"), cash: z.strictObject({ tendered: Amount }) }),
]);

/** Orders, payments, refunds and batches: everything that moves money takes an Idempotency-Key. */
export function paymentRoutes(deps: FlowDeps, idem: Idempotency): FastifyPluginAsyncZod {
  return async (app) => {
    const run = <T>(
      request: Parameters<typeof idempotent>[1],
      reply: Parameters<typeof idempotent>[2],
      fn: Parameters<typeof idempotent>[4],
    ) => idempotent(idem, request, reply, { required: true }, fn) as Promise<T>;

    app.post(
      "/v1/orders",
      {
        schema: {
          tags: ["Orders"],
          summary: "Create an order (priced on the server)",
          headers: IdempotencyHeader,
          body: z.strictObject({
            location: Id,
            currency: Currency.optional(),
            lines: z.array(OrderLineInput).min(1).max(200),
            discounts: z.array(DiscountInput).max(10).optional(),
            tip_amount: AmountOrZero.optional(),
            metadata: Metadata,
          }),
          response: { 200: OrderObject, ...errors },
        },
      },
      (request, reply) => run(request, reply, (ctx) => createOrder(deps, ctx, request.body)),
    );
    app.get(
      "/v1/orders",
      {
        schema: {
          tags: ["Orders"],
          summary: "List orders",
          querystring: PageQuery,
          response: { 200: listOf(OrderObject) },
        },
      },
      async (request) => {
        const q = request.query;
        return toList(
          await listOrders(deps.db, principalOf(request).merchantId, {
            limit: q.limit + 1,
            startingAfter: q.starting_after,
          }),
          q.limit,
          "/v1/orders",
          presentOrder,
        );
      },
    );
    app.get(
      "/v1/orders/:id",
      {
        schema: {
          tags: ["Orders"],
          summary: "Retrieve an order",
          params: IdParams,
          response: { 200: OrderObject, 404: ErrorBody },
        },
      },
      async (request) => {
        const o = await getOrder(deps.db, principalOf(request).merchantId, request.params.id);
        if (!o) throw notFound("order", "id");
        return presentOrder(o);
      },
    );
    app.post(
      "/v1/orders/:id/cancel",
      {
        schema: {
          tags: ["Orders"],
          summary: "Cancel an open, unpaid order",
          headers: IdempotencyHeader,
          params: IdParams,
          body: z.strictObject({}).optional(),
          response: { 200: OrderObject, ...errors },
        },
      },
      (request, reply) =>
        run(request, reply, (ctx) =>
          deps.db.transaction(async (tx) => {
            const o = await cancelOrder(tx, ctx.merchantId, request.params.id);
            if (!o) {
              const existing = await getOrder(tx, ctx.merchantId, request.params.id);
              if (!existing) throw notFound("order", "id");
              throw new ApiError(
                409,
                "invalid_request_error",
                "order_not_cancelable",
                `The order is ${existing.status} with ${existing.amount_paid} paid; refund instead.`,
              );
            }
            const body = presentOrder(o);
            await recordChange(tx, ctx, {
              action: "order.canceled",
              resource: { type: "order", id: o.id },
              event: { type: "order.canceled", data: body },
            });
            await saveResponse(tx, ctx.merchantId, ctx.idempotency, { status: 200, body });
            return { status: 200, body };
          }),
        ),
    );

    app.post(
      "/v1/payments",
      {
        schema: {
          tags: ["Payments"],
          summary: "Create a payment (and confirm it at once with confirm: true)",
          headers: IdempotencyHeader,
          body: z.strictObject({
            terminal: Id,
            order: Id.optional(),
            amount: Amount.optional(),
            currency: Currency.optional(),
            payment_method_type: z.enum(["card_present", "cash"]),
            capture_method: z.enum(["automatic", "manual"]).default("automatic"),
            confirm: z.boolean().default(false),
            payment_method: PaymentMethodInput.optional(),
            metadata: Metadata,
          }),
          response: { 200: PaymentObject, ...errors },
        },
      },
      (request, reply) => run(request, reply, (ctx) => createPayment(deps, ctx, request.body)),
    );
    app.get(
      "/v1/payments",
      {
        schema: {
          tags: ["Payments"],
          summary: "List payments",
          querystring: PageQuery.extend({ order: Id.optional() }),
          response: { 200: listOf(PaymentObject) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listPayments(deps.db, principalOf(request).merchantId, {
          limit: q.limit + 1,
          startingAfter: q.starting_after,
          orderId: q.order,
        });
        return toList(rows, q.limit, "/v1/payments", presentPayment);
      },
    );
    app.get(
      "/v1/payments/:id",
      {
        schema: {
          tags: ["Payments"],
          summary: "Retrieve a payment",
          params: IdParams,
          response: { 200: PaymentObject, 404: ErrorBody },
        },
      },
      async (request) => {
        const p = await getPayment(deps.db, principalOf(request).merchantId, request.params.id);
        if (!p) throw notFound("payment", "id");
        return presentPayment(p);
      },
    );
    app.post(
      "/v1/payments/:id/confirm",
      {
        schema: {
          tags: ["Payments"],
          summary: "Confirm a payment with a payment method",
          headers: IdempotencyHeader,
          params: IdParams,
          body: z.strictObject({ payment_method: PaymentMethodInput }),
          response: { 200: PaymentObject, ...errors },
        },
      },
      (request, reply) => run(request, reply, (ctx) => confirmPayment(deps, ctx, request.params.id, request.body)),
    );
    app.post(
      "/v1/payments/:id/capture",
      {
        schema: {
          tags: ["Payments"],
          summary: "Capture an authorized payment",
          headers: IdempotencyHeader,
          params: IdParams,
          body: z.strictObject({ amount_to_capture: Amount.optional() }).default({}),
          response: { 200: PaymentObject, ...errors },
        },
      },
      (request, reply) => run(request, reply, (ctx) => capturePayment(deps, ctx, request.params.id, request.body)),
    );
    app.post(
      "/v1/payments/:id/cancel",
      {
        schema: {
          tags: ["Payments"],
          summary: "Cancel (void) a payment that has not succeeded",
          headers: IdempotencyHeader,
          params: IdParams,
          body: z
            .strictObject({
              cancellation_reason: z.enum(["requested_by_customer", "duplicate", "fraudulent", "abandoned"]).optional(),
            })
            .default({}),
          response: { 200: PaymentObject, ...errors },
        },
      },
      (request, reply) => run(request, reply, (ctx) => cancelPayment(deps, ctx, request.params.id, request.body)),
    );

    app.post(
      "/v1/refunds",
      {
        schema: {
          tags: ["Refunds"],
          summary: "Refund a payment: an amount, order lines, or the rest",
          headers: IdempotencyHeader,
          body: z.strictObject({
            payment: Id,
            amount: Amount.optional(),
            lines: z
              .array(z.strictObject({ line: z.string().min(1).max(20), quantity: z.number().int().min(1).max(10000) }))
              .min(1)
              .max(200)
              .optional(),
            terminal: Id.optional(),
            reason: z.enum(["requested_by_customer", "duplicate", "fraudulent", "returned_goods"]).optional(),
            metadata: Metadata,
          }),
          response: { 200: RefundObject, ...errors },
        },
      },
      (request, reply) => run(request, reply, (ctx) => createRefund(deps, ctx, request.body)),
    );
    app.get(
      "/v1/refunds",
      {
        schema: {
          tags: ["Refunds"],
          summary: "List refunds",
          querystring: PageQuery.extend({ payment: Id.optional() }),
          response: { 200: listOf(RefundObject) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listRefunds(deps.db, principalOf(request).merchantId, {
          limit: q.limit + 1,
          startingAfter: q.starting_after,
          paymentId: q.payment,
        });
        return toList(rows, q.limit, "/v1/refunds", presentRefund);
      },
    );
    app.get(
      "/v1/refunds/:id",
      {
        schema: {
          tags: ["Refunds"],
          summary: "Retrieve a refund",
          params: IdParams,
          response: { 200: RefundObject, 404: ErrorBody },
        },
      },
      async (request) => {
        const r = await getRefund(deps.db, principalOf(request).merchantId, request.params.id);
        if (!r) throw notFound("refund", "id");
        return presentRefund(r);
      },
    );

    app.post(
      "/v1/terminals/:id/close_batch",
      {
        schema: {
          tags: ["Batches"],
          summary: "Close the terminal's batch (end of day) with its totals",
          headers: IdempotencyHeader,
          params: IdParams,
          body: z.strictObject({}).optional(),
          response: { 200: BatchObject, ...errors },
        },
      },
      (request, reply) => run(request, reply, (ctx) => closeBatch(deps, ctx, request.params.id)),
    );
    app.get(
      "/v1/batches",
      {
        schema: {
          tags: ["Batches"],
          summary: "List batches",
          querystring: PageQuery.extend({ terminal: Id.optional() }),
          response: { 200: listOf(BatchObject) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listBatches(deps.db, principalOf(request).merchantId, {
          limit: q.limit + 1,
          startingAfter: q.starting_after,
          terminalId: q.terminal,
        });
        return toList(rows, q.limit, "/v1/batches", presentBatch);
      },
    );
    app.get(
      "/v1/batches/:id",
      {
        schema: {
          tags: ["Batches"],
          summary: "Retrieve a batch",
          params: IdParams,
          response: { 200: BatchObject, 404: ErrorBody },
        },
      },
      async (request) => {
        const b = await getBatch(deps.db, principalOf(request).merchantId, request.params.id);
        if (!b) throw notFound("batch", "id");
        return presentBatch(b);
      },
    );
  };
}
