/** A merchant (tenant). Field names match the columns and the API. */
export interface Merchant {
  id: string;
  name: string;
  country: string;
  default_currency: string;
  prices_include_tax: boolean;
  created_at: Date;
}

/** A physical store. */
export interface Location {
  id: string;
  merchant_id: string;
  name: string;
  address: Record<string, string>;
  timezone: string;
  currency: string;
  created_at: Date;
}

/** A point of sale at a location; batches are closed per terminal. */
export interface Terminal {
  id: string;
  merchant_id: string;
  location_id: string;
  label: string;
  created_at: Date;
}

/** A product or service for sale, priced in minor units. */
export interface CatalogItem {
  id: string;
  merchant_id: string;
  sku: string;
  name: string;
  unit_amount: number;
  currency: string;
  tax_rate_bps: number;
  active: boolean;
  created_at: Date;
}

/** An API key as stored: never the secret, only its hash and a display form. */
export interface ApiKey {
  id: string;
  merchant_id: string;
  mode: "test" | "live";
  name: string;
  display_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}
