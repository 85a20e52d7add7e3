import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PendingRequests } from "./pending-requests.js";

describe("PendingRequests", () => {
  it("returns the code of the newest request with a key, once", () => {
    const p = new PendingRequests(4);
    p.add(7, 3);
    p.add(9, 1);
    p.add(7, 16);
    assert.equal(p.take(7), 16);
    assert.equal(p.take(7), 3);
    assert.equal(p.take(7), -1);
    assert.equal(p.take(9), 1);
    assert.equal(p.length, 0);
  });

  it("forgets the oldest unanswered request when full, and says so", () => {
    const p = new PendingRequests(3);
    assert.equal(p.add(1, 10), true);
    assert.equal(p.add(2, 20), true);
    assert.equal(p.add(3, 30), true);
    assert.equal(p.add(4, 40), false);
    assert.equal(p.take(1), -1);
    assert.deepEqual([p.take(2), p.take(3), p.take(4)], [20, 30, 40]);
  });

  it("reuses the slots of answered requests without reporting them as forgotten", () => {
    const p = new PendingRequests(3);
    p.add(1, 10);
    p.add(2, 20);
    p.add(3, 30);
    assert.equal(p.take(2), 20);
    assert.equal(p.take(1), 10);
    assert.equal(p.add(4, 40), true);
    assert.equal(p.add(5, 50), true);
    assert.equal(p.length, 3);
    assert.deepEqual([p.take(3), p.take(4), p.take(5)], [30, 40, 50]);
  });
});
