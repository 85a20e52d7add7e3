/**
 * What a fuzz target is, and the checks targets share. A target turns bytes into a call of the code under test
 * and throws {@link ContractBroken} when the result breaks that code's contract; any other exception escaping
 * `run` is a crash too, since every target catches what its contract allows to be thrown.
 */

import type { z } from "zod";
import { type InputProblem, InputProblem as InputProblemSchema } from "../src/model/problem.js";
import type { Prng } from "../src/synth/prng.js";

export interface FuzzTarget {
  /** Lower-case, dash-separated: the folder of its regressions and its name on the command line. */
  name: string;
  /** Folders or files under the repository root (`src/sources/firewall/`) whose blocks count as coverage. */
  sources: readonly string[];
  /** The seed corpus, read in the parent from real files of the repository. */
  seeds(): Promise<Uint8Array[]> | Uint8Array[];
  /** Tokens the mutator inserts (format keywords, field names, magic values). */
  dictionary?: readonly (string | Uint8Array)[];
  /** Longest input tried; longer seeds are left out. */
  maxLen: number;
  /** Per-input time limit when it must differ from the run's default (a server answering over a socket). */
  timeoutMs?: number;
  /** A structure-aware mutation (JSON values, say), tried besides the byte-level ones; null when not applicable. */
  mutate?(input: Uint8Array, rng: Prng): Uint8Array | null;
  /** Runs once in the worker before the first input (start a server, load a plant). */
  setup?(): Promise<void> | void;
  /** Runs one input in the worker; throws when the contract is broken. */
  run(input: Uint8Array): Promise<void> | void;
}

/** The code under test did something its contract rules out (besides throwing). */
export class ContractBroken extends Error {
  override name = "ContractBroken";
}

export function broken(message: string): never {
  throw new ContractBroken(message);
}

export interface ProblemRules {
  /** The file name every problem must carry. */
  file: string;
  /**
   * `line`: each problem names its line (1 or more), unless it concerns the file as a whole: its code says so
   * (unreadable, unsupported-format, size-limit) or its message matches one of `wholeFile`; `path`: line 0 is fine
   * (JSON has no lines; the path locates it).
   */
  located: "line" | "path";
  wholeFile?: readonly RegExp[];
  /** The problems must come in line order. */
  sorted?: boolean;
}

/** Problem codes that concern a file as a whole: line 0 is right for them. */
const WHOLE_FILE_CODES = new Set(["unreadable", "unsupported-format", "size-limit"]);

function aboutWholeFile(p: InputProblem, rules: ProblemRules): boolean {
  const { code } = p as { code?: string };
  return (
    (code !== undefined && WHOLE_FILE_CODES.has(code)) ||
    (rules.wholeFile ?? []).some((re) => re.test(p.message))
  );
}

/** Problems must be well-formed, carry the file, and say where (the importers' shared contract). */
export function checkProblems(problems: readonly InputProblem[], rules: ProblemRules): void {
  let previous = 0;
  for (const p of problems) {
    const shape = InputProblemSchema.safeParse(p);
    if (!shape.success) broken(`malformed problem ${JSON.stringify(p)}: ${shape.error.issues[0]?.message}`);
    if (p.file !== rules.file)
      broken(`problem names file "${p.file}", expected "${rules.file}": ${p.message}`);
    if (p.message.trim() === "") broken(`problem without a message at line ${p.line}`);
    if (rules.located === "line" && p.line === 0 && !aboutWholeFile(p, rules))
      broken(`problem without a line: ${p.message}`);
    if (rules.sorted && p.line < previous) broken(`problems out of line order: ${p.line} after ${previous}`);
    previous = p.line;
  }
}

/** The importer's result must match its own model (the store and the report parse it later). */
export function checkModel(schema: z.ZodType, value: unknown, what: string): void {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    broken(`${what} does not match its model at ${issue.path.map(String).join(".")}: ${issue.message}`);
  }
}

export const utf8 = new TextDecoder("utf-8");
export const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
