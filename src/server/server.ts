/**
 * The workbench server: node:http on 127.0.0.1 by default, every request checked for its Host and Origin and
 * against the access token, the JSON API under /api/, the built UI for everything else. Whatever a request
 * does, it gets an answer and the server keeps running.
 */
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Duplex } from "node:stream";
import { newToken, presentedToken, sameToken, tokenCookie } from "./access-token.js";
import { handleApi } from "./api.js";
import { AssessmentRunner } from "./assessment-runner.js";
import { HttpError, requestUrl, sendText } from "./http-io.js";
import { allowedHosts, foreignRequest } from "./same-origin.js";
import { serveStatic, webRoot } from "./static-files.js";

export interface ServeOptions {
  plantDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface Workbench {
  server: Server;
  token: string;
  /** The start-up URL, token included. */
  url: string;
  close(): Promise<void>;
}

export async function startWorkbench(options: ServeOptions): Promise<Workbench> {
  const plantDir = resolve(options.plantDir);
  const token = options.token ?? newToken();
  const runner = new AssessmentRunner(plantDir);
  const ui = webRoot();

  // Filled in once the port is known; empty, it refuses everything.
  let hosts = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const foreign = foreignRequest(req, hosts);
    if (foreign) return sendText(res, 403, foreign);
    const given = url.searchParams.get("token");
    if (given !== null && req.method === "GET" && !url.pathname.startsWith("/api/")) {
      if (!sameToken(token, given)) return sendText(res, 401, "wrong access token");
      // Swap the token in the URL for a cookie, so it leaves the address bar and the history.
      res.writeHead(303, {
        // One leading slash: `//host` would send the browser to another site.
        location: url.pathname.replace(/^\/+/, "/"),
        "set-cookie": tokenCookie(token),
        "cache-control": "no-store",
      });
      return void res.end();
    }
    if (!sameToken(token, presentedToken(req))) {
      return sendText(res, 401, "access token required: open the URL otaudit serve printed");
    }
    if (url.pathname.startsWith("/api/")) return handleApi({ plantDir, runner }, req, res, url);
    if (!existsSync(ui)) return sendText(res, 503, "the UI is not built (npm run build)");
    return serveStatic(ui, url.pathname, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => answerFailure(res, err));
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // node:http hands CONNECT and Upgrade requests to these events, not to the handler; unheard, the socket would
  // stay open with no answer. The workbench tunnels nothing and speaks no WebSocket.
  const refuse = (_req: IncomingMessage, socket: Duplex) =>
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  server.on("connect", refuse);
  server.on("upgrade", refuse);

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, done);
  });
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(host, port);
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    server,
    token,
    url: `http://${shownHost}:${port}/?token=${token}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The answer to a request whose handling failed: its HttpError's status and words, else a 500. */
function answerFailure(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
  } else if (err instanceof HttpError) {
    sendText(res, err.status, err.message);
  } else {
    // The detail (stack, absolute paths) stays in the terminal of whoever started the server; a system error's
    // code and call (EACCES on open: a read-only plant folder) tell the person in the browser what went wrong.
    console.error("otaudit serve: request failed:", err);
    const { code, syscall } = err as NodeJS.ErrnoException;
    const what = code && syscall ? ` (${code} on ${syscall})` : "";
    sendText(res, 500, `internal error${what}: the terminal running otaudit serve has the details`);
  }
}
