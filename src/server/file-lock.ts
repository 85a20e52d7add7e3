/**
 * Serialises the read-modify-write edits of one plant file across every process that edits it (two workbenches
 * on one plant, or a workbench and a script), so that no acknowledged save is lost.
 *
 * Why a lock file rather than compare-and-swap on the file's hash: a compare before the rename still loses a save
 * that lands between the compare and the rename, while creating a file with O_EXCL is atomic (local file systems,
 * NFSv3 and later). An edit holds the lock for tens of milliseconds (read, parse, write, fsync, rename, all
 * synchronous), so waiters poll briefly.
 *
 * A lock is stale when its owner no longer runs on this host, or when it is older than STALE_MS (an owner on
 * another host, or a pid reused since); a stale lock is moved aside before it is deleted, so that a fresh lock
 * taken in the meantime is never deleted by mistake.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";

const STALE_MS = 30_000;
// Longer than STALE_MS: a lock whose owner died elsewhere is broken before any waiter gives up.
const WAIT_MS = 40_000;

const Owner = z.object({ pid: z.number().int().positive(), host: z.string(), nonce: z.string() });
type Owner = z.infer<typeof Owner>;

/** The lock could not be had within WAIT_MS: another process is saving, or left a lock that is not yet stale. */
export class LockBusyError extends Error {}

/** `.answers.yaml.lock` beside `answers.yaml`: a dotfile, so no input discovery ever reads it. */
export function lockPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`);
}

/** Per lock, the tail of this process's queue: one poller per process, and saves keep the order they came in. */
const queues = new Map<string, Promise<void>>();

/** Runs `edit` while holding the lock of `file`. */
export function withFileLock<T>(file: string, edit: () => T | Promise<T>): Promise<T> {
  const lock = lockPath(file);
  const ahead = queues.get(lock);
  const result = (ahead ?? Promise.resolve()).then(() => holding(file, lock, ahead !== undefined, edit));
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(lock, tail);
  tail.then(() => {
    if (queues.get(lock) === tail) queues.delete(lock);
  });
  return result;
}

async function holding<T>(
  file: string,
  lock: string,
  queued: boolean,
  edit: () => T | Promise<T>,
): Promise<T> {
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), nonce: randomBytes(8).toString("hex") });
  // Straight after our own release, a waiter in another process would lose every race to this queue.
  if (queued) await pause();
  const deadline = Date.now() + WAIT_MS;
  while (!create(lock, mine)) {
    breakIfStale(lock);
    if (Date.now() > deadline) {
      const owner = readOwner(readText(lock));
      throw new LockBusyError(
        `${basename(file)} is being saved by another otaudit${owner ? ` (pid ${owner.pid} on ${owner.host})` : ""}; ` +
          `try again, or delete ${basename(lock)} if no otaudit is running`,
      );
    }
    await pause();
  }
  try {
    return await edit();
  } finally {
    release(lock, mine);
  }
}

/** A random poll interval, so that waiters in different processes take turns. */
function pause(): Promise<void> {
  return sleep(5 + Math.random() * 20);
}

function create(lock: string, mine: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, "wx", 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, mine);
  } catch (err) {
    closeSync(fd);
    rmSync(lock, { force: true });
    throw err;
  }
  closeSync(fd);
  return true;
}

/**
 * Removes the lock if it is stale. Looked at with lstat: a lock that is a link, even a dangling one, is a name to
 * move aside like any other, never followed.
 */
function breakIfStale(lock: string): void {
  let seen: { text: string; ino: number; mtimeMs: number };
  try {
    const { ino, mtimeMs } = lstatSync(lock);
    seen = { text: readText(lock), ino, mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (!stale(seen.text, seen.mtimeMs)) return;
  const aside = `${lock}.${randomBytes(6).toString("hex")}.stale`;
  try {
    renameSync(lock, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (lstatSync(aside).ino !== seen.ino || readText(aside) !== seen.text) {
    // Its owner released it and another process took it between our look and the move: hand it back. Should a
    // third process have taken the name meanwhile, the link fails and the two overlap; that needs a crash and
    // three processes within microseconds.
    try {
      linkSync(aside, lock);
    } catch {}
  }
  rmSync(aside, { force: true });
}

function stale(text: string, modifiedMs: number): boolean {
  if (Date.now() - modifiedMs > STALE_MS) return true;
  // An empty or unreadable lock is one being written right now: only its age can make it stale.
  const owner = readOwner(text);
  return owner !== null && owner.host === hostname() && !running(owner.pid);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(text: string): Owner | null {
  try {
    const owner = Owner.safeParse(JSON.parse(text));
    return owner.success ? owner.data : null;
  } catch {
    return null;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Deletes the lock if it is still ours: one broken as stale belongs to its new owner now. */
function release(lock: string, mine: string): void {
  if (readText(lock) === mine) rmSync(lock, { force: true });
}
