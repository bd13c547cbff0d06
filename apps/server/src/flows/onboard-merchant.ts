import type { Queryable } from "@enclave/db";
import { createApiKey, createCatalogItem, createLocation, createMerchant, createTerminal } from "@enclave/merchants";
import {
  presentApiKey,
  presentCatalogItem,
  presentLocation,
  presentMerchant,
  presentTerminal,
} from "../http/present.ts";
import type { RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";

/** What a new merchant starts with. */
export interface OnboardInput {
  name: string;
  country: string;
  currency: string;
  timezone: string;
  pricesIncludeTax?: boolean;
  locationName?: string;
  terminalLabel?: string;
  apiKeyMode: "test" | "live";
  catalog?: Array<{ sku: string; name: string; unitAmount: number; taxRateBps: number }>;
}

/** What onboarding created; `apiKeySecret` is the only time the secret exists outside its hash. */
export interface Onboarded {
  merchantId: string;
  locationId: string;
  terminalId: string;
  apiKeyId: string;
  apiKeySecret: string;
  catalogItemIds: string[];
}

/**
 * Opens a merchant account with a location, a terminal, an optional catalog and an API key, in
 * the caller's transaction, every step audited under `actor` (the operator or the seed).
 */
export async function onboardMerchant(
  tx: Queryable,
  actor: RequestContext["actor"],
  input: OnboardInput,
): Promise<Onboarded> {
  const merchant = await createMerchant(tx, {
    name: input.name,
    country: input.country,
    defaultCurrency: input.currency,
    pricesIncludeTax: input.pricesIncludeTax ?? false,
  });
  const ctx: RequestContext = { merchantId: merchant.id, livemode: input.apiKeyMode === "live", actor, origin: {} };
  await recordChange(tx, ctx, {
    action: "merchant.created",
    resource: { type: "merchant", id: merchant.id },
    event: { type: "merchant.created", data: presentMerchant(merchant) },
  });
  const location = await createLocation(tx, {
    merchantId: merchant.id,
    name: input.locationName ?? "Main store",
    timezone: input.timezone,
    currency: input.currency,
  });
  await recordChange(tx, ctx, {
    action: "location.created",
    resource: { type: "location", id: location.id },
    event: { type: "location.created", data: presentLocation(location) },
  });
  const terminal = await createTerminal(tx, {
    merchantId: merchant.id,
    locationId: location.id,
    label: input.terminalLabel ?? "Counter 1",
  });
  await recordChange(tx, ctx, {
    action: "terminal.created",
    resource: { type: "terminal", id: terminal.id },
    event: { type: "terminal.created", data: presentTerminal(terminal) },
  });
  const catalogItemIds: string[] = [];
  for (const item of input.catalog ?? []) {
    const created = await createCatalogItem(tx, { merchantId: merchant.id, currency: input.currency, ...item });
    catalogItemIds.push(created.id);
    await recordChange(tx, ctx, {
      action: "catalog_item.created",
      resource: { type: "catalog_item", id: created.id },
      event: { type: "catalog_item.created", data: presentCatalogItem(created) },
    });
  }
  const key = await createApiKey(tx, { merchantId: merchant.id, mode: input.apiKeyMode, name: "Initial key" });
  await recordChange(tx, ctx, {
    action: "api_key.created",
    resource: { type: "api_key", id: key.apiKey.id },
    details: { mode: input.apiKeyMode },
    event: { type: "api_key.created", data: presentApiKey(key.apiKey) },
  });
  return {
    merchantId: merchant.id,
    locationId: location.id,
    terminalId: terminal.id,
    apiKeyId: key.apiKey.id,
    apiKeySecret: key.secret,
    catalogItemIds,
  };
}
