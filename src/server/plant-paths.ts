/** Resolves a path a request names inside the plant folder, refusing anything that would leave it. */
import { lstatSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

export class OutsidePlantError extends Error {}

/**
 * The absolute path of `requested` (relative to the plant folder), or OutsidePlantError. Refuses absolute paths,
 * `..` segments, NUL bytes, and symlinks whose target lies outside the folder (checked on the real path). The path
 * need not exist: the part of it that does is resolved, so a missing file is judged by the folder it would be in.
 */
export function insidePlant(plantDir: string, requested: string): string {
  if (requested.includes("\0") || isAbsolute(requested) || requested.split(/[\\/]/).includes("..")) {
    throw new OutsidePlantError(`path outside the plant folder: ${requested}`);
  }
  const root = realpathSync(plantDir);
  const target = resolve(root, requested);
  if (!within(root, target)) throw new OutsidePlantError(`path outside the plant folder: ${requested}`);
  const real = realPath(target);
  if (real === null || !within(root, real)) {
    throw new OutsidePlantError(`path outside the plant folder: ${requested}`);
  }
  return real;
}

/** Whether `path` is a regular file (following links); false for anything missing or unreadable. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The real path of `path`: its longest existing ancestor resolved, the missing rest appended. Null when a name in
 * it exists but does not resolve (a dangling or looping link), since such a link could point anywhere.
 */
function realPath(path: string): string | null {
  const missing: string[] = [];
  let existing = path;
  for (;;) {
    try {
      return join(realpathSync(existing), ...missing);
    } catch {
      if (exists(existing)) return null;
      const parent = dirname(existing);
      if (parent === existing) return null;
      missing.unshift(basename(existing));
      existing = parent;
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
