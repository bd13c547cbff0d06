import { userInfo } from "node:os";
import { onboardMerchant } from "@enclave/server";
import { type Command, operatorActor, requireFlag, withDatabase } from "../command.ts";

/** Printed beside every secret: it exists only in this output, the database keeps a hash. */
export const SECRET_WARNING =
  "This API key secret is shown ONCE and cannot be shown again; store it in a secret manager now.";

/** `merchant create`: onboards a merchant with a location, a terminal and a first API key. */
export const createMerchantCommand: Command = {
  words: ["merchant", "create"],
  summary: "create a merchant with a location, a terminal and an API key (secret shown once)",
  usage: "merchant create --name NAME --country US --currency USD --timezone America/New_York [--live] [--json]",
  options: {
    name: { type: "string" },
    country: { type: "string" },
    currency: { type: "string" },
    timezone: { type: "string" },
    live: { type: "boolean", default: false },
  },
  async run(values, io) {
    const input = {
      name: requireFlag(values, "name"),
      country: requireFlag(values, "country").toUpperCase(),
      currency: requireFlag(values, "currency").toUpperCase(),
      timezone: requireFlag(values, "timezone"),
      apiKeyMode: values.live ? ("live" as const) : ("test" as const),
    };
    const actor = operatorActor(userInfo().username);
    // One transaction: a merchant without its key (or its audit entries) never exists.
    const made = await withDatabase(io, (db) => db.transaction((tx) => onboardMerchant(tx, actor, input)));
    return {
      ok: true,
      json: {
        merchant: made.merchantId,
        location: made.locationId,
        terminal: made.terminalId,
        api_key: { id: made.apiKeyId, mode: input.apiKeyMode, secret: made.apiKeySecret },
        warning: SECRET_WARNING,
      },
      lines: [
        `merchant ${made.merchantId} (${input.name}) created by ${actor.id}`,
        `  location ${made.locationId}`,
        `  terminal ${made.terminalId}`,
        `  api key  ${made.apiKeyId} (${input.apiKeyMode})`,
        "",
        `  secret:  ${made.apiKeySecret}`,
        `  ${SECRET_WARNING}`,
      ],
    };
  },
};
