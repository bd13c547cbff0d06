import { getCatalogItems, getLocation, getMerchant } from "@enclave/merchants";
import { computeOrderTotals, type Discount } from "@enclave/money";
import { insertOrder, type OrderLine } from "@enclave/payments";
import { ApiError, notFound } from "../http/api-error.ts";
import { saveResponse } from "../http/idempotency.ts";
import { presentOrder } from "../http/present.ts";
import type { FlowDeps, FlowResponse, RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";

/** A line as the client sends it: a catalog item, or a custom item with its own price. */
export type OrderLineInput =
  | { catalog_item: string; quantity: number; discount?: Discount | undefined }
  | { name: string; unit_amount: number; tax_rate_bps: number; quantity: number; discount?: Discount | undefined };

/** The body of POST /v1/orders. */
export interface CreateOrderInput {
  location: string;
  currency?: string | undefined;
  lines: OrderLineInput[];
  discounts?: Discount[] | undefined;
  tip_amount?: number | undefined;
  metadata: Record<string, string>;
}

/**
 * Prices a cart on the server — catalog prices and tax rates come from the database, never from
 * the terminal — and stores it as an open order.
 */
export async function createOrder(deps: FlowDeps, ctx: RequestContext, input: CreateOrderInput): Promise<FlowResponse> {
  return deps.db.transaction(async (tx) => {
    const location = await getLocation(tx, ctx.merchantId, input.location);
    if (!location) throw notFound("location", "location");
    const merchant = await getMerchant(tx, ctx.merchantId);
    if (!merchant) throw notFound("merchant");
    const currency = input.currency ?? location.currency;
    const itemIds = input.lines.flatMap((l) => ("catalog_item" in l ? [l.catalog_item] : []));
    const items = await getCatalogItems(tx, ctx.merchantId, itemIds);
    const priced = input.lines.map((line, index) => {
      if ("catalog_item" in line) {
        const item = items.get(line.catalog_item);
        // Another merchant's item id is as unknown as a made-up one.
        if (!item?.active) throw notFound("catalog item", `lines.${index}.catalog_item`);
        if (item.currency !== currency) {
          throw new ApiError(
            400,
            "invalid_request_error",
            "currency_mismatch",
            `Catalog item ${item.sku} is priced in ${item.currency}, the order is in ${currency}.`,
            {
              param: `lines.${index}.catalog_item`,
            },
          );
        }
        return {
          catalog_item: item.id,
          sku: item.sku,
          name: item.name,
          quantity: line.quantity,
          unit_amount: item.unit_amount,
          tax_rate_bps: item.tax_rate_bps,
          discount: line.discount ?? null,
        };
      }
      return {
        catalog_item: null,
        sku: null,
        name: line.name,
        quantity: line.quantity,
        unit_amount: line.unit_amount,
        tax_rate_bps: line.tax_rate_bps,
        discount: line.discount ?? null,
      };
    });
    const totals = computeOrderTotals({
      currency,
      pricesIncludeTax: merchant.prices_include_tax,
      lines: priced.map((l) => ({
        quantity: l.quantity,
        unitAmount: l.unit_amount,
        taxRateBps: l.tax_rate_bps,
        ...(l.discount ? { discount: l.discount } : {}),
      })),
      discounts: input.discounts ?? [],
      tipAmount: input.tip_amount ?? 0,
    });
    const lines: OrderLine[] = priced.map((l, i) => {
      const t = totals.lines[i] as (typeof totals.lines)[number];
      return {
        id: `li_${i + 1}`,
        ...l,
        gross_amount: t.grossAmount,
        discount_amount: t.discountAmount,
        net_amount: t.netAmount,
        tax_amount: t.taxAmount,
        total_amount: t.totalAmount,
        quantity_refunded: 0,
      };
    });
    const order = await insertOrder(tx, {
      merchant_id: ctx.merchantId,
      location_id: location.id,
      currency,
      prices_include_tax: merchant.prices_include_tax,
      subtotal: totals.subtotal,
      discount_total: totals.discountTotal,
      tax_total: totals.taxTotal,
      tip_amount: totals.tipAmount,
      total: totals.total,
      lines,
      discounts: input.discounts ?? [],
      metadata: input.metadata,
    });
    const body = presentOrder(order);
    await recordChange(tx, ctx, {
      action: "order.created",
      resource: { type: "order", id: order.id },
      details: { total: order.total, currency: order.currency, lines: lines.length },
      event: { type: "order.created", data: body },
    });
    const response = { status: 200, body };
    await saveResponse(tx, ctx.merchantId, ctx.idempotency, response);
    return response;
  });
}
