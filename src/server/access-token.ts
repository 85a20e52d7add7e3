/**
 * The workbench's access token: random per start, printed in the start-up URL. The first page load carries it
 * as `?token=`; the server answers with an HttpOnly SameSite=Strict cookie so that scripts never hold it and
 * other sites cannot send it. Scripts and tools may also send it in the `x-otaudit-token` header.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const COOKIE = "otaudit_token";
export const HEADER = "x-otaudit-token";

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sameToken(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token the request presents in its header or cookie. */
export function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers[HEADER];
  if (typeof header === "string") return header;
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === COOKIE) return value.join("=");
  }
  return undefined;
}

export function tokenCookie(token: string): string {
  return `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
