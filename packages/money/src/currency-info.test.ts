import assert from "node:assert/strict";
import { test } from "node:test";
import { currencyInfo, isCurrency, listCurrencies } from "./index.ts";

test("minor units of the currencies a till meets", () => {
  const units = (code: string) => currencyInfo(code)?.minorUnits;
  for (const code of ["USD", "EUR", "GBP", "CAD", "CHF", "INR", "XCG", "ZWG", "SLE"])
    assert.equal(units(code), 2, code);
  for (const code of ["JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "XPF", "UGX"])
    assert.equal(units(code), 0, code);
  for (const code of ["KWD", "BHD", "JOD", "OMR", "TND", "IQD", "LYD"]) assert.equal(units(code), 3, code);
  for (const code of ["CLF", "UYW"]) assert.equal(units(code), 4, code);
});

test("currencyInfo returns code, numeric code and ISO name, frozen", () => {
  const kwd = currencyInfo("KWD");
  assert.deepEqual(kwd, { code: "KWD", numericCode: "414", minorUnits: 3, name: "Kuwaiti Dinar" });
  assert.ok(Object.isFrozen(kwd));
  assert.equal(currencyInfo("ALL")?.numericCode, "008");
});

test("uppercase, active codes only", () => {
  assert.equal(isCurrency("USD"), true);
  for (const code of [
    "usd",
    "Usd",
    " USD",
    "USD ",
    "US",
    "USDX",
    "",
    "XXX",
    "XAU",
    "XTS",
    "BGN",
    "HRK",
    "ANG",
    "ZWL",
  ]) {
    assert.equal(isCurrency(code), false, JSON.stringify(code));
  }
  for (const code of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    assert.equal(isCurrency(code), false, code);
    assert.equal(currencyInfo(code), undefined, code);
  }
  assert.equal(isCurrency(undefined as never), false);
});

test("the table: 164 codes, sorted, unique codes and numeric codes, sane shapes", () => {
  const all = listCurrencies();
  assert.equal(all.length, 164);
  const codes = all.map((c) => c.code);
  assert.deepEqual(codes, [...codes].sort());
  assert.equal(new Set(codes).size, all.length);
  assert.equal(new Set(all.map((c) => c.numericCode)).size, all.length);
  for (const c of all) {
    assert.match(c.code, /^[A-Z]{3}$/);
    assert.match(c.numericCode, /^\d{3}$/);
    assert.ok([0, 2, 3, 4].includes(c.minorUnits), c.code);
    assert.ok(c.name.length > 0);
  }
});
