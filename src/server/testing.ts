/** Test helpers: a throw-away copy of the example plant, a workbench in a second process, raw HTTP exchanges. */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";

export function examplePlantCopy(prefix: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), "plant");
  cpSync("examples/water-treatment", dir, {
    recursive: true,
    filter: (src) => !src.includes(`${sep}.otaudit`) && !src.includes(`${sep}out`),
  });
  return dir;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** How long to wait for the answer; 10 s unless told. */
  timeoutMs?: number;
}

/**
 * One request through node:http to 127.0.0.1, the path sent exactly as given (fetch would normalise `%2e%2e`)
 * and every header settable (fetch will not send a chosen Host).
 */
export function call(
  port: number,
  { method = "GET", path, headers = {}, body, timeoutMs = 10_000 }: Call,
): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", fail);
    });
    req.on("error", fail);
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`)),
    );
    req.end(body);
  });
}

/** Writes `text` to a plain TCP connection to 127.0.0.1 and returns everything the server sends back. */
export function rawExchange(port: number, text: string, waitMs = 5000): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    // A server that neither answers nor closes would hang the test: what came until then is the answer.
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", fail);
    socket.on("close", () => {
      clearTimeout(timer);
      done(Buffer.concat(chunks).toString("latin1"));
    });
    socket.write(text, "latin1");
  });
}

export interface SpawnedWorkbench {
  port: number;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `otaudit serve <plant> --port 0` as its own process: two of them on one plant race for its files. */
export function spawnWorkbench(plantDir: string): Promise<SpawnedWorkbench> {
  // The CLI beside this module: main.ts under tsx, main.js when the tests run compiled.
  const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const main = fileURLToPath(new URL(`../cli/main${extension}`, import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, main, "serve", plantDir, "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once("exit", () => done());
      child.kill("SIGTERM");
    });
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    child.stderr!.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const url = out.match(/open (http:\/\/\S+)/)?.[1];
      if (!url) return;
      const parsed = new URL(url);
      done({ port: Number(parsed.port), token: parsed.searchParams.get("token")!, child, stop });
    });
    child.once("exit", (code) => fail(new Error(`otaudit serve exited with ${code}: ${err}`)));
  });
}
