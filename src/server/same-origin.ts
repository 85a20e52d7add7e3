/**
 * Who may talk to the workbench besides holding the token. The SameSite cookie does not separate ports, so a page
 * on another local port would send it; and a DNS name rebound to 127.0.0.1 makes a foreign page same-origin with
 * us. Hence: the Host header must be a name the server listens as, and a state change must come from the page's
 * own origin.
 */
import type { IncomingMessage } from "node:http";
import { networkInterfaces } from "node:os";

const WILDCARDS = new Set(["0.0.0.0", "::", "[::]"]);

/** `host:port` as it appears in a Host header; IPv6 addresses in brackets. */
function authority(host: string, port: number): string {
  const name = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `${name}:${port}`.toLowerCase();
}

/**
 * The Host header values the server answers to: the loopback names, the --host given, and, when bound to every
 * interface, each interface's address (addresses only: a rebound DNS name never matches one).
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = ["127.0.0.1", "localhost", "::1", host];
  if (WILDCARDS.has(host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const a of addresses ?? []) names.push(a.address.replace(/%.*$/, ""));
    }
  }
  const allowed = new Set(names.map((n) => authority(n, port)));
  // A Host header leaves out the default port.
  if (port === 80) for (const n of names) allowed.add(authority(n, port).replace(/:80$/, ""));
  return allowed;
}

/** Why the request is refused, or null when it may go on. */
export function foreignRequest(req: IncomingMessage, allowed: Set<string>): string | null {
  const host = (req.headers.host ?? "").toLowerCase();
  if (!allowed.has(host)) {
    return `refused: Host "${req.headers.host ?? ""}" is not a name this workbench listens as (use ${[...allowed][0]})`;
  }
  if (req.method === "GET" || req.method === "HEAD") return null;
  // Browsers send both on every state-changing request; tools such as curl send neither and need the token alone.
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return `refused: a ${req.method} from origin ${origin}, not the workbench's own http://${host}`;
  }
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") {
    return `refused: a ${req.method} from another site or port (Sec-Fetch-Site: ${site}); use the workbench's own page`;
  }
  return null;
}
