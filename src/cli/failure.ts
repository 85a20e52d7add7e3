/**
 * The last stop of an error no command handled. A person's mistake is told in a line and exits 2; anything else
 * is a bug in otaudit: said so, with a hint to report it, exit 3, and the stack only with --debug.
 */
import { PlantInputError, RequestError } from "../app/errors.js";
import { formatProblem } from "../model/problem.js";
import { EXIT_BAD_INPUT, EXIT_INTERNAL, UsageError } from "./exit-codes.js";

/** Writes what went wrong to stderr and returns the exit code. */
export function reportFailure(err: unknown, debug: boolean): number {
  if (err instanceof UsageError || err instanceof RequestError) {
    process.stderr.write(`otaudit: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof PlantInputError) {
    for (const p of err.problems.filter((x) => x.severity === "error"))
      process.stderr.write(`error ${formatProblem(p)}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(
    `otaudit: internal error: ${message.split("\n")[0]}\n` +
      "otaudit did not expect this, so it may be a bug: please report it with the command you ran" +
      (debug ? " and the trace below.\n" : "; run it again with --debug for the trace to include.\n"),
  );
  if (debug) process.stderr.write(`${err instanceof Error && err.stack ? err.stack : message}\n`);
  return EXIT_INTERNAL;
}
