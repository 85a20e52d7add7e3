import assert from "node:assert/strict";
import { test } from "node:test";
import { admit, describePlan, formatDuration, type LearningState, parseDuration } from "./learning.js";

test("durations as people write them", () => {
  assert.equal(parseDuration("90s"), 90_000);
  assert.equal(parseDuration("15m"), 900_000);
  assert.equal(parseDuration("1h"), 3_600_000);
  assert.equal(parseDuration("1.5h"), 5_400_000);
  assert.equal(parseDuration("7d"), 604_800_000);
  assert.equal(parseDuration("2w"), 1_209_600_000);
  assert.equal(parseDuration("250ms"), 250);
  assert.equal(parseDuration("5"), 5_000, "a bare number is seconds");
  assert.throws(
    () => parseDuration("an hour"),
    /expected a duration such as 90s, 15m, 1h or 7d, got "an hour"/,
  );
  assert.equal(formatDuration(3_600_000), "1h");
  assert.equal(formatDuration(5_400_000), "90m");
  assert.equal(describePlan({ by: "files", files: 1 }), "1 file");
  assert.equal(describePlan({ by: "time", ms: 86_400_000 }), "1d of capture time");
});

const MIN = 60_000;

function run(state: LearningState, starts: (number | null)[]): { learned: boolean[]; state: LearningState } {
  const learned: boolean[] = [];
  for (const s of starts) {
    const { learn, next } = admit(state, s);
    learned.push(learn);
    state = next;
  }
  return { learned, state };
}

test("learning by files takes exactly the first N files", () => {
  const r = run({ phase: "learning", plan: { by: "files", files: 2 }, start: null, learnedFiles: 0 }, [
    0,
    5 * MIN,
    10 * MIN,
    15 * MIN,
  ]);
  assert.deepEqual(r.learned, [true, true, false, false]);
  assert.equal(r.state.phase, "monitoring");
  assert.equal(r.state.learnedFiles, 2);
});

test("learning by capture time: files starting inside the period are learned whole", () => {
  const t0 = Date.UTC(2026, 10, 26, 8);
  const r = run({ phase: "learning", plan: { by: "time", ms: 10 * MIN }, start: null, learnedFiles: 0 }, [
    t0,
    null,
    t0 + 5 * MIN,
    t0 + 10 * MIN - 1,
    t0 + 10 * MIN,
    t0 + 2 * MIN,
  ]);
  // An empty file neither starts nor ends the period; once monitoring, a late-sorting file is not learned.
  assert.deepEqual(r.learned, [true, true, true, true, false, false]);
  assert.equal(r.state.start, t0);
  assert.equal(r.state.phase, "monitoring");
});
