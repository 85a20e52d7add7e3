/** Problems as the CLI prints them: under one heading per code (`unknown-reference (2)`), each line as README shows. */
import { formatProblem, type InputProblem, problemsByCode } from "../model/problem.js";

export function writeProblemsByCode(
  problems: readonly InputProblem[],
  out: NodeJS.WriteStream,
  label: (p: InputProblem) => string,
): void {
  for (const [code, group] of problemsByCode(problems)) {
    out.write(`${code} (${group.length})\n`);
    for (const p of group) out.write(`${label(p)} ${formatProblem(p)}\n`);
  }
}
