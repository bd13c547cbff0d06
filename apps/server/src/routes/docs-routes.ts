import { createHash } from "node:crypto";
import { DECLINE_REASONS, MAGIC_AMOUNTS, TEST_CARDS } from "@enclave/payments";
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}h3{font-size:1rem;margin:1.4rem 0 .3rem}
code,pre{font:13px ui-monospace,monospace;background:#f4f5f7;border-radius:4px}code{padding:1px 4px}
pre{padding:.7rem;overflow:auto}.m{display:inline-block;min-width:3.6rem;font-weight:700}.get{color:#0a7}.post{color:#05c}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}`;
// The page has no script at all, and its one style block is allowed by hash, not by 'unsafe-inline'.
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");
const DOCS_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Operation = {
  summary?: string;
  tags?: string[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
};

/** Renders the OpenAPI document as one readable, script-free HTML page. */
function renderDocs(spec: {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? "Other";
      const params = (op.parameters ?? [])
        .filter((p) => p.in !== "header")
        .map((p) => `<code>${esc(p.name)}</code>${p.required ? "" : "?"}`)
        .join(" ");
      const body = op.requestBody?.content?.["application/json"]?.schema;
      const html = `<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary ?? "")}${params ? ` — ${params}` : ""}</p>${body ? `<details><summary>Request body schema</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ""}`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const cards = Object.entries(TEST_CARDS)
    .map(
      ([name, c]) =>
        `<tr><td><code>${name}</code></td><td>${c.brand}</td><td>${c.last4}</td><td>${"decline" in c ? `declines: ${DECLINE_REASONS[c.decline].decline_code} (${c.decline})` : "approves"}</td></tr>`,
    )
    .join("");
  const amounts = Object.entries(MAGIC_AMOUNTS)
    .map(
      ([amount, outcome]) =>
        `<tr><td><code>${amount}</code></td><td>${outcome === "issuer_unavailable" ? "no answer: reversed, payment back to requires_payment_method" : outcome === "partial" ? "partial approval of half the amount" : `declines: ${DECLINE_REASONS[outcome].decline_code} (${outcome})`}</td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(spec.info.title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(spec.info.title)}</h1><p>${esc(spec.info.description ?? "")}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer sk_test_…</code>.
Every POST that creates or moves money needs an <code>Idempotency-Key</code> header: the same key and body give the saved response
(header <code>Idempotent-Replayed: true</code>), the same key with another body gives 422, and the same key while the first request runs gives 409.
Lists take <code>limit</code> (1–100) and <code>starting_after</code> (an id) and return <code>{object:"list", data, has_more}</code>, newest first.
Amounts are integers in the currency's minor unit. Errors are <code>{"error":{type, code, message, param?, decline_code?}}</code>.</p>
<h2>Test cards</h2><p>In test mode a terminal sends <code>{"type":"card_present","card_present":{"type":"test_card","test_card":"visa"}}</code>; no card number ever crosses the API.</p>
<table><tr><th>test_card</th><th>brand</th><th>last4</th><th>outcome</th></tr>${cards}</table>
<h2>Magic amounts</h2><p>With any approving test card, these amounts (minor units) drive the other outcomes:</p><table><tr><th>amount</th><th>outcome</th></tr>${amounts}</table>
${[...byTag].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join("")}`).join("\n")}
</body></html>`;
}

/** `GET /openapi.json` and the human docs page at `/docs`. */
export function docsRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    const root = app as unknown as FastifyInstance & { swagger(): unknown };
    let cached: string | undefined;
    app.get("/openapi.json", { schema: { hide: true } }, async () => root.swagger());
    app.get("/docs", { schema: { hide: true } }, async (_request, reply) => {
      cached ??= renderDocs(root.swagger() as Parameters<typeof renderDocs>[0]);
      reply
        .header("content-security-policy", DOCS_CSP)
        .header("cache-control", "no-cache")
        .type("text/html; charset=utf-8");
      return cached;
    });
    app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.redirect("/docs"));
  };
}
