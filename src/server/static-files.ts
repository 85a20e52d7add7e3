/** Serves the built browser UI (web/dist) from the package itself: no network needed. */
import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpError } from "./http-io.js";
import { insidePlant, isFile, OutsidePlantError } from "./plant-paths.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

/** web/dist of the package: found from this module, whether it runs from src/ (tsx), dist/src/ or the bundle in dist/cli/. */
export function webRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("otaudit's package folder not found");
    dir = parent;
  }
  return join(dir, "web", "dist");
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let wanted: string;
  try {
    wanted = urlPath === "/" ? "index.html" : decodeURIComponent(urlPath.slice(1));
  } catch {
    throw new HttpError(400, "bad percent-encoding in the path");
  }
  let file: string;
  try {
    file = insidePlant(root, wanted);
  } catch (err) {
    if (err instanceof OutsidePlantError) throw new HttpError(403, "forbidden");
    throw err;
  }
  // Client-side pages (#/inventory ...) all load index.html; unknown files are 404.
  if (!isFile(file)) throw new HttpError(404, "not found");
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(readFileSync(file));
}
