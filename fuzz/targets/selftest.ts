/**
 * A target for the fuzzer's own tests, never listed: one input per way a run can end (a result, an exception, an
 * exception after the run, a hang, the heap limit) and a crash behind nested branches for the search to find.
 */
import { type FuzzTarget, utf8 } from "../target.js";

const heap: number[][] = [];

export const targets: FuzzTarget[] = [
  {
    name: "selftest",
    sources: ["fuzz/targets/selftest.js"],
    maxLen: 64,
    dictionary: ["FU", "ZZ"],
    seeds: () => [new TextEncoder().encode("ok")],
    run(input) {
      const s = utf8.decode(input);
      if (s === "throw") throw new TypeError("thrown on purpose");
      if (s === "late") setTimeout(() => Promise.reject(new RangeError("rejected after the run")), 0);
      if (s === "hang") for (;;);
      if (s === "oom") for (;;) heap.push(new Array(1 << 20).fill(1));
      // Each character is its own branch: coverage leads the search there one step at a time.
      if (s[0] === "F" && s[1] === "U") {
        if (s[2] === "Z") {
          if (s[3] === "Z") throw new Error("FUZZ reached");
        }
      }
    },
  },
];
