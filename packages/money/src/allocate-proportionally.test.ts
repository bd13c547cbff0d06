import assert from "node:assert/strict";
import { test } from "node:test";
import { allocateProportionally, MAX_AMOUNT, MoneyError } from "./index.ts";

test("largest remainder: shares sum exactly, leftovers go to the largest remainders, ties to the earlier index", () => {
  assert.deepEqual(allocateProportionally(100, [1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(allocateProportionally(500, [2000, 1000, 600]), [278, 139, 83]);
  assert.deepEqual(allocateProportionally(5, [0, 3, 0, 1]), [0, 4, 0, 1]); // 3.75 → 4, 1.25 → 1
  assert.deepEqual(allocateProportionally(0, [0, 0]), [0, 0]);
  assert.deepEqual(allocateProportionally(7, [5]), [7]);
});

test("exact at the bound, where amount × weight is far past 2^53", () => {
  const shares = allocateProportionally(MAX_AMOUNT, [MAX_AMOUNT, MAX_AMOUNT - 1, 1]);
  assert.equal(
    shares.reduce((a, b) => a + b, 0),
    MAX_AMOUNT,
  );
  assert.deepEqual(shares, [50_000_000_000, 49_999_999_999, 0]);
});

test("refuses what it cannot split honestly", () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      assert.ok(error instanceof MoneyError);
      return error.code;
    }
    assert.fail("did not throw");
  };
  assert.equal(
    code(() => allocateProportionally(1, [0, 0])),
    "INVALID_WEIGHTS",
  );
  assert.equal(
    code(() => allocateProportionally(1, [])),
    "INVALID_WEIGHTS",
  );
  assert.equal(
    code(() => allocateProportionally(1.5, [1])),
    "INVALID_AMOUNT",
  );
  assert.equal(
    code(() => allocateProportionally(-1, [1])),
    "AMOUNT_OUT_OF_RANGE",
  );
  assert.equal(
    code(() => allocateProportionally(1, [1, -1])),
    "AMOUNT_OUT_OF_RANGE",
  );
  assert.equal(
    code(() => allocateProportionally(1, [Number.NaN])),
    "INVALID_AMOUNT",
  );
});
