import type { Database } from "@enclave/db";
import type { Processor } from "@enclave/payments";
import type { IdempotencyContext } from "../http/idempotency.ts";

/** Who acts and from where: goes into every audit entry. */
export interface RequestContext {
  merchantId: string;
  livemode: boolean;
  actor: { type: "api_key" | "staff" | "operator" | "system"; id: string };
  origin: { ip?: string; requestId?: string; userAgent?: string; device?: string };
  idempotency?: IdempotencyContext | undefined;
}

/** What the flows need from the outside world; built once in `buildApp`. */
export interface FlowDeps {
  db: Database;
  processor: Processor;
}

/** What an HTTP handler sends: a status and a JSON body (saved for idempotent replays). */
export interface FlowResponse<T = unknown> {
  status: number;
  body: T;
}
