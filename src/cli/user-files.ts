/**
 * Files and folders a person named on the command line. Failing to write one (a missing folder, no permission,
 * a file where a folder should be) is their mistake to fix, so it becomes a UsageError saying which and why.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "./exit-codes.js";

/** What an error of the file system means to the person who named `path`, or null when it is not one. */
export function fsProblem(err: unknown, path: string): string | null {
  switch ((err as NodeJS.ErrnoException | null)?.code) {
    case "ENOENT":
      return `the folder ${dirname(path)} does not exist`;
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "part of the path is a file, not a folder";
    case "EEXIST":
      return "a file of that name is in the way";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "EBUSY":
    case "EXDEV":
      return "it cannot be renamed (a mount point?)";
    default:
      return null;
  }
}

/** Runs `write`; a file system error on `path` becomes a UsageError naming `what` (`--json /x.json`). */
export function writingUserPath<T>(what: string, path: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    const problem = fsProblem(err, path);
    if (problem === null) throw err;
    throw new UsageError(`${what}: cannot write it: ${problem}`);
  }
}

/** Writes `text` to the file a person named with `flag`. */
export function writeUserFile(flag: string, path: string, text: string): void {
  writingUserPath(`${flag} ${path}`, path, () => writeFileSync(path, text));
}

/** Creates the folder a person named with `flag`, parents included. */
export function makeUserFolder(flag: string, path: string): void {
  writingUserPath(`${flag} ${path}`, path, () => mkdirSync(path, { recursive: true }));
}
