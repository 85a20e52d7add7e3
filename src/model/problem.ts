import { z } from "zod";

/** Something wrong with an input file, located precisely enough for a person to fix it. */
export const InputProblem = z.strictObject({
  severity: z.enum(["error", "warning"]),
  file: z.string(),
  /** 1-based; 0 when the problem concerns the file as a whole. */
  line: z.number().int().nonnegative(),
  column: z.number().int().nonnegative(),
  /** `zones[2].slTarget`, or empty when the problem is not about one value. */
  path: z.string(),
  message: z.string(),
});
export type InputProblem = z.infer<typeof InputProblem>;

export function formatProblem(p: InputProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${where} ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** `["zones", 2, "slTarget"]` -> `zones[2].slTarget` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
