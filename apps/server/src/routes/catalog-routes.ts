import {
  createCatalogItem,
  createLocation,
  createTerminal,
  getLocation,
  getMerchant,
  listCatalogItems,
  listLocations,
  listTerminals,
  updateCatalogItem,
} from "@enclave/merchants";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { FlowDeps } from "../flows/context.ts";
import { recordChange } from "../flows/record-change.ts";
import { notFound } from "../http/api-error.ts";
import { listOf, PageQuery, toList } from "../http/pagination.ts";
import { presentCatalogItem, presentLocation, presentMerchant, presentTerminal } from "../http/present.ts";
import { contextOf, principalOf } from "../http/request-context.ts";
import {
  AmountOrZero,
  CatalogItemObject,
  Currency,
  Id,
  LocationObject,
  MerchantObject,
  TerminalObject,
} from "../http/schemas.ts";

/** The merchant's own account, locations, terminals and catalog. */
export function catalogRoutes(deps: FlowDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/v1/merchant",
      {
        schema: {
          tags: ["Merchant"],
          summary: "The merchant this API key belongs to",
          response: { 200: MerchantObject },
        },
      },
      async (request) => {
        const m = await getMerchant(deps.db, principalOf(request).merchantId);
        if (!m) throw notFound("merchant");
        return presentMerchant(m);
      },
    );

    app.get(
      "/v1/locations",
      {
        schema: {
          tags: ["Locations"],
          summary: "List locations",
          querystring: PageQuery,
          response: { 200: listOf(LocationObject) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listLocations(deps.db, principalOf(request).merchantId, {
          limit: q.limit + 1,
          startingAfter: q.starting_after,
        });
        return toList(rows, q.limit, "/v1/locations", presentLocation);
      },
    );

    app.post(
      "/v1/locations",
      {
        schema: {
          tags: ["Locations"],
          summary: "Create a location",
          body: z.strictObject({
            name: z.string().min(1).max(100),
            timezone: z.string().min(1).max(64),
            currency: Currency,
            address: z.record(z.string().max(40), z.string().max(200)).optional(),
          }),
          response: { 200: LocationObject },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const b = request.body;
        return deps.db.transaction(async (tx) => {
          const loc = await createLocation(tx, {
            merchantId: ctx.merchantId,
            name: b.name,
            timezone: b.timezone,
            currency: b.currency,
            ...(b.address ? { address: b.address } : {}),
          });
          const body = presentLocation(loc);
          await recordChange(tx, ctx, {
            action: "location.created",
            resource: { type: "location", id: loc.id },
            event: { type: "location.created", data: body },
          });
          return body;
        });
      },
    );

    app.get(
      "/v1/terminals",
      {
        schema: {
          tags: ["Terminals"],
          summary: "List terminals",
          querystring: PageQuery,
          response: { 200: listOf(TerminalObject) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listTerminals(deps.db, principalOf(request).merchantId, {
          limit: q.limit + 1,
          startingAfter: q.starting_after,
        });
        return toList(rows, q.limit, "/v1/terminals", presentTerminal);
      },
    );

    app.post(
      "/v1/terminals",
      {
        schema: {
          tags: ["Terminals"],
          summary: "Register a terminal at a location",
          body: z.strictObject({ location: Id, label: z.string().min(1).max(100) }),
          response: { 200: TerminalObject },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        return deps.db.transaction(async (tx) => {
          if (!(await getLocation(tx, ctx.merchantId, request.body.location))) throw notFound("location", "location");
          const t = await createTerminal(tx, {
            merchantId: ctx.merchantId,
            locationId: request.body.location,
            label: request.body.label,
          });
          const body = presentTerminal(t);
          await recordChange(tx, ctx, {
            action: "terminal.created",
            resource: { type: "terminal", id: t.id },
            event: { type: "terminal.created", data: body },
          });
          return body;
        });
      },
    );

    app.get(
      "/v1/catalog_items",
      {
        schema: {
          tags: ["Catalog"],
          summary: "List catalog items",
          querystring: PageQuery,
          response: { 200: listOf(CatalogItemObject) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listCatalogItems(deps.db, principalOf(request).merchantId, {
          limit: q.limit + 1,
          startingAfter: q.starting_after,
        });
        return toList(rows, q.limit, "/v1/catalog_items", presentCatalogItem);
      },
    );

    app.post(
      "/v1/catalog_items",
      {
        schema: {
          tags: ["Catalog"],
          summary: "Create a catalog item",
          body: z.strictObject({
            sku: z.string().min(1).max(64),
            name: z.string().min(1).max(200),
            unit_amount: AmountOrZero,
            currency: Currency,
            tax_rate_bps: z.number().int().min(0).max(10000),
          }),
          response: { 200: CatalogItemObject },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const b = request.body;
        return deps.db.transaction(async (tx) => {
          const item = await createCatalogItem(tx, {
            merchantId: ctx.merchantId,
            sku: b.sku,
            name: b.name,
            unitAmount: b.unit_amount,
            currency: b.currency,
            taxRateBps: b.tax_rate_bps,
          });
          const body = presentCatalogItem(item);
          await recordChange(tx, ctx, {
            action: "catalog_item.created",
            resource: { type: "catalog_item", id: item.id },
            details: { sku: item.sku, unit_amount: item.unit_amount },
            event: { type: "catalog_item.created", data: body },
          });
          return body;
        });
      },
    );

    app.post(
      "/v1/catalog_items/:id",
      {
        schema: {
          tags: ["Catalog"],
          summary: "Update a catalog item (price changes are audited)",
          params: z.strictObject({ id: Id }),
          body: z.strictObject({
            name: z.string().min(1).max(200).optional(),
            unit_amount: AmountOrZero.optional(),
            tax_rate_bps: z.number().int().min(0).max(10000).optional(),
            active: z.boolean().optional(),
          }),
          response: { 200: CatalogItemObject },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const b = request.body;
        return deps.db.transaction(async (tx) => {
          const item = await updateCatalogItem(tx, ctx.merchantId, request.params.id, {
            name: b.name,
            unitAmount: b.unit_amount,
            taxRateBps: b.tax_rate_bps,
            active: b.active,
          });
          if (!item) throw notFound("catalog item", "id");
          const body = presentCatalogItem(item);
          await recordChange(tx, ctx, {
            action: "catalog_item.updated",
            resource: { type: "catalog_item", id: item.id },
            details: { changes: b },
            event: { type: "catalog_item.updated", data: body },
          });
          return body;
        });
      },
    );
  };
}
