/** Resolves a path a request names inside the plant folder, refusing anything that would leave it. */
import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

export class OutsidePlantError extends Error {}

/**
 * The absolute path of `requested` (relative to the plant folder), or OutsidePlantError. Refuses absolute paths,
 * `..` segments, NUL bytes, and symlinks whose target lies outside the folder (checked on the real path).
 */
export function insidePlant(plantDir: string, requested: string): string {
  if (requested.includes("\0") || isAbsolute(requested) || requested.split(/[\\/]/).includes("..")) {
    throw new OutsidePlantError(`path outside the plant folder: ${requested}`);
  }
  const root = realpathSync(plantDir);
  const target = resolve(root, requested);
  if (!within(root, target)) throw new OutsidePlantError(`path outside the plant folder: ${requested}`);
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    // A file still to be created: its folder must be inside.
    real = resolve(realpathSync(resolve(target, "..")), target.slice(target.lastIndexOf(sep) + 1));
  }
  if (!within(root, real)) throw new OutsidePlantError(`path outside the plant folder: ${requested}`);
  return real;
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
