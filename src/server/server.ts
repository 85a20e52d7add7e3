/**
 * The workbench server: node:http on 127.0.0.1 by default, every request checked against the access token,
 * the JSON API under /api/, the built UI for everything else.
 */
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { newToken, presentedToken, sameToken, tokenCookie } from "./access-token.js";
import { handleApi } from "./api.js";
import { AssessmentRunner } from "./assessment-runner.js";
import { sendText } from "./http-io.js";
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

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://workbench");
    const given = url.searchParams.get("token");
    if (given !== null && req.method === "GET" && !url.pathname.startsWith("/api/")) {
      if (!sameToken(token, given)) return sendText(res, 401, "wrong access token");
      // Swap the token in the URL for a cookie, so it leaves the address bar and the history.
      res.writeHead(303, {
        location: url.pathname,
        "set-cookie": tokenCookie(token),
        "cache-control": "no-store",
      });
      return res.end();
    }
    if (!sameToken(token, presentedToken(req))) {
      return sendText(res, 401, "access token required: open the URL otaudit serve printed");
    }
    const work = url.pathname.startsWith("/api/")
      ? handleApi({ plantDir, runner }, req, res, url)
      : Promise.resolve(
          existsSync(ui)
            ? serveStatic(ui, url.pathname, res)
            : sendText(res, 503, "the UI is not built (npm run build)"),
        );
    work.catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, (err as Error).message);
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, done);
  });
  const { port } = server.address() as AddressInfo;
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
