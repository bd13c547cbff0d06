import type { Database } from "@enclave/db";
import { type Onboarded, onboardMerchant } from "./onboard-merchant.ts";

/** The demo shop's catalog: a café, prices in cents, 8.25 % sales tax added at the till. */
export const DEMO_CATALOG = [
  { sku: "ESP-01", name: "Espresso", unitAmount: 300, taxRateBps: 825 },
  { sku: "CAP-01", name: "Cappuccino", unitAmount: 450, taxRateBps: 825 },
  { sku: "CRS-01", name: "Croissant", unitAmount: 325, taxRateBps: 825 },
  { sku: "BAG-01", name: "Coffee beans 250 g", unitAmount: 1400, taxRateBps: 0 },
  { sku: "MUG-01", name: "Enclave mug", unitAmount: 1200, taxRateBps: 825 },
];

/**
 * On an empty database, creates the demo merchant with a location, a terminal, the catalog and a
 * test-mode API key. Returns what was made (the key's secret exists only in this return value),
 * or undefined when the database already holds a merchant.
 */
export async function seedDemo(db: Database): Promise<Onboarded | undefined> {
  return db.transaction(async (tx) => {
    // Serializes two servers starting on one empty database: only one seeds.
    await tx.query("SELECT pg_advisory_xact_lock(8583002)");
    const any = await tx.query("SELECT 1 FROM merchants LIMIT 1");
    if (any.rows.length > 0) return undefined;
    return onboardMerchant(
      tx,
      { type: "system", id: "seed" },
      {
        name: "Demo Café",
        country: "US",
        currency: "USD",
        timezone: "America/New_York",
        locationName: "Demo Café — Main Street",
        terminalLabel: "Counter 1",
        apiKeyMode: "test",
        catalog: DEMO_CATALOG,
      },
    );
  });
}
