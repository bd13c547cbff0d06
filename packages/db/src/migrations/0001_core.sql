-- Core schema: merchants, staff-less API access, catalog, orders, payments, refunds, batches,
-- idempotency and the transactional outbox. Every tenant-owned row carries merchant_id and
-- every query filters on it. Money is bigint minor units with a char(3) ISO 4217 currency.

CREATE TABLE merchants (
  id text PRIMARY KEY,
  name text NOT NULL,
  country char(2) NOT NULL,
  default_currency char(3) NOT NULL,
  prices_include_tax boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- API keys: only a SHA-256 of the secret is kept; the secret is shown once at creation.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  name text NOT NULL,
  display_prefix text NOT NULL,
  secret_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_merchant ON api_keys (merchant_id, id);

CREATE TABLE locations (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  name text NOT NULL,
  address jsonb NOT NULL DEFAULT '{}',
  timezone text NOT NULL,
  currency char(3) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX locations_merchant ON locations (merchant_id, id);

-- A terminal is a point of sale at a location (device trust comes with the devices context).
CREATE TABLE terminals (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  location_id text NOT NULL REFERENCES locations (id),
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX terminals_merchant ON terminals (merchant_id, id);

CREATE TABLE catalog_items (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  sku text NOT NULL,
  name text NOT NULL,
  unit_amount bigint NOT NULL CHECK (unit_amount >= 0),
  currency char(3) NOT NULL,
  tax_rate_bps integer NOT NULL CHECK (tax_rate_bps BETWEEN 0 AND 10000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (merchant_id, sku)
);
CREATE INDEX catalog_items_merchant ON catalog_items (merchant_id, id);

CREATE TABLE orders (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  location_id text NOT NULL REFERENCES locations (id),
  status text NOT NULL CHECK (status IN ('open', 'paid', 'canceled')),
  currency char(3) NOT NULL,
  prices_include_tax boolean NOT NULL,
  subtotal bigint NOT NULL,
  discount_total bigint NOT NULL,
  tax_total bigint NOT NULL,
  tip_amount bigint NOT NULL CHECK (tip_amount >= 0),
  total bigint NOT NULL CHECK (total >= 0),
  amount_paid bigint NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0),
  lines jsonb NOT NULL,
  discounts jsonb NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_merchant ON orders (merchant_id, id);

-- A batch gathers a terminal's captured payments and refunds until it is closed at end of day.
CREATE TABLE batches (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  terminal_id text NOT NULL REFERENCES terminals (id),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  totals jsonb
);
CREATE UNIQUE INDEX batches_one_open_per_terminal ON batches (terminal_id) WHERE status = 'open';
CREATE INDEX batches_merchant ON batches (merchant_id, id);

CREATE TABLE payments (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  livemode boolean NOT NULL,
  order_id text REFERENCES orders (id),
  terminal_id text NOT NULL REFERENCES terminals (id),
  method text NOT NULL CHECK (method IN ('card_present', 'cash')),
  status text NOT NULL CHECK (status IN ('requires_payment_method', 'processing', 'requires_capture', 'succeeded', 'canceled')),
  capture_method text NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
  currency char(3) NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  amount_authorized bigint NOT NULL DEFAULT 0 CHECK (amount_authorized >= 0),
  amount_captured bigint NOT NULL DEFAULT 0 CHECK (amount_captured >= 0 AND amount_captured <= amount_authorized),
  -- The database itself refuses a refund total above what was captured.
  amount_refunded bigint NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount_captured),
  cash_tendered bigint,
  card jsonb,
  processor_reference text,
  authorization_code text,
  last_error jsonb,
  cancellation_reason text,
  batch_id text REFERENCES batches (id),
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_merchant ON payments (merchant_id, id);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_batch ON payments (batch_id);
CREATE INDEX payments_processing ON payments (updated_at) WHERE status = 'processing';

CREATE TABLE refunds (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  payment_id text NOT NULL REFERENCES payments (id),
  terminal_id text NOT NULL REFERENCES terminals (id),
  amount bigint NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
  reason text,
  lines jsonb,
  processor_reference text,
  batch_id text REFERENCES batches (id),
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_merchant ON refunds (merchant_id, id);
CREATE INDEX refunds_payment ON refunds (payment_id);
CREATE INDEX refunds_batch ON refunds (batch_id);

-- Idempotency: the saved response of a money-moving POST, written in the same transaction as
-- the change it describes, so a key is never saved without its change nor a change without it.
CREATE TABLE idempotency_keys (
  merchant_id text NOT NULL REFERENCES merchants (id),
  key text NOT NULL,
  request_method text NOT NULL,
  request_path text NOT NULL,
  request_hash bytea NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Transactional outbox: domain events committed with the change; consumers mark them published.
CREATE TABLE outbox_events (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  type text NOT NULL,
  livemode boolean NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_events_merchant ON outbox_events (merchant_id, id);
CREATE INDEX outbox_events_unpublished ON outbox_events (id) WHERE published_at IS NULL;
