import { getTerminal } from "@enclave/merchants";
import { closeBatch as closeTerminalBatch } from "@enclave/payments";
import { ApiError, notFound } from "../http/api-error.ts";
import { saveResponse } from "../http/idempotency.ts";
import { presentBatch } from "../http/present.ts";
import type { FlowDeps, FlowResponse, RequestContext } from "./context.ts";
import { recordChange } from "./record-change.ts";

/** End of day for a terminal: closes its open batch with totals; the next sale opens a new one. */
export async function closeBatch(deps: FlowDeps, ctx: RequestContext, terminalId: string): Promise<FlowResponse> {
  return deps.db.transaction(async (tx) => {
    if (!(await getTerminal(tx, ctx.merchantId, terminalId))) throw notFound("terminal", "id");
    const batch = await closeTerminalBatch(tx, ctx.merchantId, terminalId);
    if (!batch)
      throw new ApiError(
        409,
        "invalid_request_error",
        "nothing_to_close",
        "The terminal has no open batch: nothing was sold or refunded since the last close.",
      );
    const body = presentBatch(batch);
    await recordChange(tx, ctx, {
      action: "batch.closed",
      resource: { type: "batch", id: batch.id },
      details: {
        terminal: terminalId,
        net: Object.fromEntries((batch.totals?.currencies ?? []).map((c) => [c.currency, c.net_amount])),
      },
      event: { type: "batch.closed", data: body },
    });
    const response = { status: 200, body };
    await saveResponse(tx, ctx.merchantId, ctx.idempotency, response);
    return response;
  });
}
