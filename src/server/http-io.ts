/** Small helpers for node:http: bounded request bodies and JSON replies. */
import type { IncomingMessage, ServerResponse } from "node:http";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request's URL. Only the origin form (`/path?query`) is taken: browsers send nothing else to a server that is
 * not a proxy, and parsing it under a fixed base keeps `//host`-looking paths from being read as an authority.
 */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? "";
  if (!target.startsWith("/"))
    throw new HttpError(400, "bad request target: expected a path starting with /");
  try {
    return new URL(`http://workbench${target}`);
  } catch {
    throw new HttpError(400, "bad request target: not a valid URL path");
  }
}

/** The request body as JSON; refuses bodies over `limit` bytes without reading them whole. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new HttpError(413, `request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "request body is not JSON");
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    // Words a request chose (a Host, a path) come back in some answers: never let a browser read them as HTML.
    "x-content-type-options": "nosniff",
  });
  res.end(text);
}
