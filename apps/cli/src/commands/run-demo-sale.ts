import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatAmount } from "@enclave/money";
import { Agent, type Dispatcher, fetch } from "undici";
import { CliError, type Command } from "../command.ts";

/** What `runDemoSale` needs: where the server is, a test-mode key and whom to trust. */
export interface DemoSaleOptions {
  url: string;
  /** A test-mode secret key (sk_test_…). Only ever sent in the Authorization header. */
  key: string;
  /** PEM of the CA to trust (exactly that one); undefined trusts the system store. */
  ca?: string | undefined;
  /** Allow an http:// URL (a loopback test server); otherwise only https:// is accepted. */
  insecureHttp?: boolean;
  /** Called with each step as it completes. */
  onStep?: (line: string) => void;
}

/** The outcome of a demo sale: ids and the final state, no secret and no card data beyond brand/last4. */
export interface DemoSaleResult {
  merchant: string;
  order: { id: string; status: string; total: number; paid: number; refunded: number; currency: string };
  payment: {
    id: string;
    status: string;
    captured: number;
    refunded: number;
    card: { brand: string; last4: string } | null;
  };
  refund: { id: string; amount: number; status: string };
  steps: string[];
}

interface ApiList<T> {
  data: T[];
}
interface Merchant {
  id: string;
  name: string;
  default_currency: string;
}
interface Location {
  id: string;
  name: string;
  currency: string;
}
interface Terminal {
  id: string;
  label: string;
  location: string;
}
interface CatalogItem {
  id: string;
  sku: string;
  name: string;
  unit_amount: number;
  currency: string;
  active: boolean;
}
interface Order {
  id: string;
  status: string;
  currency: string;
  total: number;
  tip_amount: number;
  amount_paid: number;
  amount_refunded: number;
  lines: Array<{ id: string; name: string; quantity: number }>;
}
interface Payment {
  id: string;
  status: string;
  currency: string;
  amount: number;
  amount_authorized: number;
  amount_captured: number;
  amount_refunded: number;
  card: { brand: string; last4: string } | null;
}
interface Refund {
  id: string;
  amount: number;
  currency: string;
  status: string;
}

/**
 * Runs one whole sale against a running server through its HTTP API — read the shop, create an
 * order, authorize a test card, capture, refund one line, read the result back — and returns the
 * final state. Every POST carries a fresh Idempotency-Key. Throws CliError with the API's message
 * on the first failing call.
 */
export async function runDemoSale(options: DemoSaleOptions): Promise<DemoSaleResult> {
  const base = new URL(options.url);
  if (base.protocol !== "https:" && !(base.protocol === "http:" && options.insecureHttp)) {
    // The API key would cross the network in clear: refuse unless the operator says it is a local test.
    throw new CliError(
      `refusing ${base.protocol}// URL: use https:// (or --insecure-http for a loopback test server)`,
      2,
    );
  }
  if (!/^sk_test_[A-Za-z0-9]+$/.test(options.key)) {
    // A demo charges a test card: a live key would reach a real processor.
    throw new CliError("--key must be a test-mode secret key (sk_test_…)", 2);
  }
  // Trust exactly the given CA; certificate checks stay on.
  const dispatcher: Dispatcher | undefined = options.ca ? new Agent({ connect: { ca: options.ca } }) : undefined;
  const steps: string[] = [];
  const step = (line: string) => {
    steps.push(line);
    options.onStep?.(line);
  };

  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.key}`, accept: "application/json" };
    if (method === "POST") {
      headers["content-type"] = "application/json";
      headers["idempotency-key"] = randomUUID();
    }
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(new URL(path, base), {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(dispatcher ? { dispatcher } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string; code?: string } }).cause;
      throw new CliError(
        `${method} ${path}: cannot reach ${base.origin}: ${cause?.code ?? cause?.message ?? String(error)}`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const message = (parsed as { error?: { message?: string; code?: string } } | undefined)?.error;
      throw new CliError(
        `${method} ${path} failed (HTTP ${response.status}${message?.code ? ` ${message.code}` : ""}): ${message?.message ?? "no error message"}`,
      );
    }
    return parsed as T;
  };

  try {
    const merchant = await call<Merchant>("GET", "/v1/merchant");
    step(`GET  /v1/merchant          → ${merchant.name} (${merchant.id})`);
    const location = (await call<ApiList<Location>>("GET", "/v1/locations")).data[0];
    if (!location) throw new CliError("the merchant has no location");
    step(`GET  /v1/locations         → ${location.name} (${location.id})`);
    const terminal = (await call<ApiList<Terminal>>("GET", "/v1/terminals")).data.find(
      (t) => t.location === location.id,
    );
    if (!terminal) throw new CliError(`location ${location.id} has no terminal`);
    step(`GET  /v1/terminals         → ${terminal.label} (${terminal.id})`);
    const items = (await call<ApiList<CatalogItem>>("GET", "/v1/catalog_items")).data
      .filter((i) => i.active && i.currency === location.currency)
      // By SKU: the same catalog gives the same sale on every run, whatever order the API lists.
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
      .slice(0, 3);
    if (items.length < 2) throw new CliError("the catalog needs at least 2 active items in the location's currency");
    step(
      `GET  /v1/catalog_items     → ${items.map((i) => `${i.name} ${formatAmount(i.unit_amount, i.currency)}`).join(", ")}`,
    );

    const tip = 100;
    const order = await call<Order>("POST", "/v1/orders", {
      location: location.id,
      lines: items.map((item, i) => ({ catalog_item: item.id, quantity: i === 0 ? 2 : 1 })),
      tip_amount: tip,
    });
    const money = (amount: number) => formatAmount(amount, order.currency);
    step(
      `POST /v1/orders            → ${order.id}: ${order.lines.map((l) => `${l.quantity}× ${l.name}`).join(", ")} + tip ${money(order.tip_amount)} = ${money(order.total)} (${order.status})`,
    );

    const authorized = await call<Payment>("POST", "/v1/payments", {
      terminal: terminal.id,
      order: order.id,
      payment_method_type: "card_present",
      capture_method: "manual",
      confirm: true,
      payment_method: {
        type: "card_present",
        card_present: { type: "test_card", test_card: "visa", entry_mode: "contactless" },
      },
    });
    step(
      `POST /v1/payments          → ${authorized.id}: ${authorized.status}, ${money(authorized.amount_authorized)} authorized on ${cardText(authorized.card)}`,
    );
    if (authorized.status !== "requires_capture")
      throw new CliError(`payment ${authorized.id} is ${authorized.status}, expected requires_capture`);

    const captured = await call<Payment>("POST", `/v1/payments/${authorized.id}/capture`, {});
    step(`POST /v1/payments/…/capture → ${captured.status}, ${money(captured.amount_captured)} captured`);

    const firstLine = order.lines[0];
    if (!firstLine) throw new CliError(`order ${order.id} has no lines`);
    const refund = await call<Refund>("POST", "/v1/refunds", {
      payment: captured.id,
      lines: [{ line: firstLine.id, quantity: 1 }],
    });
    step(`POST /v1/refunds           → ${refund.id}: ${refund.status}, ${money(refund.amount)} (1× ${firstLine.name})`);

    const finalOrder = await call<Order>("GET", `/v1/orders/${order.id}`);
    const finalPayment = await call<Payment>("GET", `/v1/payments/${captured.id}`);
    step(
      `GET  /v1/orders/${finalOrder.id} → ${finalOrder.status}: total ${money(finalOrder.total)}, paid ${money(finalOrder.amount_paid)}, refunded ${money(finalOrder.amount_refunded)}`,
    );
    step(
      `GET  /v1/payments/${finalPayment.id} → ${finalPayment.status}: captured ${money(finalPayment.amount_captured)}, refunded ${money(finalPayment.amount_refunded)}, ${cardText(finalPayment.card)}`,
    );
    return {
      merchant: merchant.id,
      order: {
        id: finalOrder.id,
        status: finalOrder.status,
        total: finalOrder.total,
        paid: finalOrder.amount_paid,
        refunded: finalOrder.amount_refunded,
        currency: finalOrder.currency,
      },
      payment: {
        id: finalPayment.id,
        status: finalPayment.status,
        captured: finalPayment.amount_captured,
        refunded: finalPayment.amount_refunded,
        // Brand and last 4 only: the rest of the card object has no place in a demo printout.
        card: finalPayment.card ? { brand: finalPayment.card.brand, last4: finalPayment.card.last4 } : null,
      },
      refund: { id: refund.id, amount: refund.amount, status: refund.status },
      steps,
    };
  } finally {
    await dispatcher?.close();
  }
}

const cardText = (card: { brand: string; last4: string } | null) =>
  card ? `${card.brand} •••• ${card.last4}` : "no card";

/** `demo sale`: the CLI wrapper of `runDemoSale`, with defaults from the environment. */
export const runDemoSaleCommand: Command = {
  words: ["demo", "sale"],
  summary: "run a whole sale (order, card payment, capture, refund) through a running server's API",
  usage:
    "demo sale [--url URL] [--key sk_test_…] [--ca FILE] [--insecure-http] [--json]\n" +
    "    --url defaults to $ENCLAVE_URL or https://localhost:8443; --key to $ENCLAVE_API_KEY;\n" +
    "    --ca to $DATA_DIR/tls/ca.pem when it exists (the server's local CA)",
  options: {
    url: { type: "string" },
    key: { type: "string" },
    ca: { type: "string" },
    "insecure-http": { type: "boolean", default: false },
  },
  async run(values, io) {
    const url = (values.url as string | undefined) || io.env.ENCLAVE_URL || "https://localhost:8443";
    const key = (values.key as string | undefined) || io.env.ENCLAVE_API_KEY;
    if (!key) throw new CliError("no API key: pass --key sk_test_… or set ENCLAVE_API_KEY", 2);
    let caFile = values.ca as string | undefined;
    if (!caFile) {
      const local = resolve(io.env.DATA_DIR || ".data", "tls", "ca.pem");
      if (existsSync(local)) caFile = local;
    }
    let ca: string | undefined;
    if (caFile) {
      try {
        ca = readFileSync(caFile, "utf8");
      } catch (error) {
        throw new CliError(`cannot read CA file ${caFile}: ${(error as NodeJS.ErrnoException).code ?? error}`, 2);
      }
    }
    const json = values.json === true;
    const result = await runDemoSale({
      url,
      key,
      ca,
      insecureHttp: values["insecure-http"] === true,
      // Human mode prints each step as it happens, so a failure shows how far the sale got.
      ...(json ? {} : { onStep: (line: string) => process.stdout.write(`${line}\n`) }),
    });
    const money = (n: number) => formatAmount(n, result.order.currency);
    return {
      ok: true,
      json: {
        merchant: result.merchant,
        order: result.order,
        payment: result.payment,
        refund: result.refund,
        steps: result.steps,
      },
      lines: [
        "",
        "final state:",
        `  order   ${result.order.id}: ${result.order.status}, total ${money(result.order.total)}, paid ${money(result.order.paid)}, refunded ${money(result.order.refunded)}`,
        `  payment ${result.payment.id}: ${result.payment.status}, ${cardText(result.payment.card)}`,
        `  refund  ${result.refund.id}: ${result.refund.status}, ${money(result.refund.amount)}`,
      ],
    };
  },
};
