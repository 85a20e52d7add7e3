/** HTTP/1.1 request and response heads (RFC 9112). */
import { ascii } from "../byte-writer.js";

export function request(
  method: string,
  path: string,
  headers: readonly [string, string][],
  body = "",
): Uint8Array {
  const lines = [`${method} ${path} HTTP/1.1`, ...headers.map(([k, v]) => `${k}: ${v}`)];
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  return ascii(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

export function response(
  status: number,
  reason: string,
  headers: readonly [string, string][],
  body: string,
): Uint8Array {
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    ...headers.map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${body.length}`,
  ];
  return ascii(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

export const basicAuth = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`, "latin1").toString("base64")}`;
