import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { findCardNumber } from "./find-card-number.ts";

const pans = JSON.parse(readFileSync(new URL("./fixtures/test-pans.json", import.meta.url), "utf8")) as {
  cases: Array<{ id: string; pan: string; luhnValid: boolean; brand: string }>;
};

describe("findCardNumber", () => {
  for (const c of pans.cases) {
    // Luhn-valid numbers and every UnionPay number (which may skip Luhn) must be caught.
    const caught = c.luhnValid || c.pan.startsWith("62");
    it(`${caught ? "catches" : "lets through"} ${c.id}, bare, spaced and inside text`, () => {
      const spaced = c.pan.replace(/(\d{4})(?=\d)/g, "$1 ");
      const dashed = c.pan.replace(/(\d{4})(?=\d)/g, "$1-");
      for (const text of [c.pan, spaced, dashed, `card ${c.pan} declined`, `pan=${c.pan}.`]) {
        assert.equal(findCardNumber(text) >= 0, caught, text);
      }
    });
  }

  it("lets through what is not a card number", () => {
    for (const text of [
      "1732521600000", // a timestamp in milliseconds: starts with 1
      "pay_4111111111111111abc", // digits glued to letters: part of an id
      "4111111111", // too short
      "41111111111111111111", // too long (20 digits)
      "amount 12500 EUR",
      "",
    ]) {
      assert.equal(findCardNumber(text), -1, text);
    }
  });
});
