import { userInfo } from "node:os";
import { appendAuditEntry } from "@enclave/audit";
import { createApiKey, getMerchant } from "@enclave/merchants";
import { publishEvent } from "@enclave/outbox";
import { CliError, type Command, operatorActor, requireFlag, withDatabase } from "../command.ts";
import { SECRET_WARNING } from "./create-merchant.ts";

/** `apikey create`: issues another API key to an existing merchant. */
export const createApiKeyCommand: Command = {
  words: ["apikey", "create"],
  summary: "create an API key for an existing merchant (secret shown once)",
  usage: "apikey create --merchant ID [--live] [--name NAME] [--json]",
  options: {
    merchant: { type: "string" },
    live: { type: "boolean", default: false },
    name: { type: "string" },
  },
  async run(values, io) {
    const merchantId = requireFlag(values, "merchant");
    const mode = values.live ? ("live" as const) : ("test" as const);
    const name = typeof values.name === "string" && values.name ? values.name : "Created by CLI";
    const actor = operatorActor(userInfo().username);
    const made = await withDatabase(io, (db) =>
      // Key, audit entry and event commit together or not at all (PCI DSS 10.2: every key issued is traced).
      db.transaction(async (tx) => {
        const merchant = await getMerchant(tx, merchantId);
        if (!merchant) throw new CliError(`no merchant ${merchantId}`);
        const { apiKey, secret } = await createApiKey(tx, { merchantId, mode, name });
        await appendAuditEntry(tx, {
          merchantId,
          actor,
          action: "api_key.created",
          outcome: "success",
          resource: { type: "api_key", id: apiKey.id },
          details: { mode },
        });
        // The event carries the display form only, as the API presents a key; never the secret.
        await publishEvent(tx, {
          merchantId,
          type: "api_key.created",
          livemode: mode === "live",
          data: {
            id: apiKey.id,
            object: "api_key",
            mode: apiKey.mode,
            name: apiKey.name,
            display: apiKey.display_prefix,
            created_at: new Date(apiKey.created_at).toISOString(),
            revoked_at: null,
          },
        });
        return { apiKey, secret };
      }),
    );
    return {
      ok: true,
      json: {
        merchant: merchantId,
        api_key: { id: made.apiKey.id, mode, name, secret: made.secret },
        warning: SECRET_WARNING,
      },
      lines: [
        `api key ${made.apiKey.id} (${mode}, "${name}") created for merchant ${merchantId} by ${actor.id}`,
        "",
        `  secret:  ${made.secret}`,
        `  ${SECRET_WARNING}`,
      ],
    };
  },
};
