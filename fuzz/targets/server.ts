/**
 * The workbench HTTP server (src/server/server.ts), spoken to over a real socket with raw request bytes: any
 * method, path, header and body, with the access token (as header, cookie or start-up URL) or without it.
 * `{{TOKEN}}` and `{{HOST}}` in an input stand for the server's token and its `127.0.0.1:port`.
 *
 * Contract: every request gets an answer and the server keeps running; no answer is a 500 (a handler that threw
 * something it did not expect); nothing outside the plant folder is read (a secret file beside the folder, and
 * a symlink to it inside, must never be served) or written.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { join, sep } from "node:path";
import { startWorkbench, type Workbench } from "../../src/server/server.js";
import { broken, encode, type FuzzTarget } from "../target.js";
import { scratchDir } from "./common.js";

const TOKEN = "fuzz-token-0123456789abcdefghijklmnopqrstuvwxy";
const SECRET = "OTAUDIT-FUZZ-SECRET-7f3a";
const EDITED = ["plant.yaml", "answers.yaml"];

let workbench: Workbench;
let base: string;
let plantDir: string;
let host: string;
const pristine = new Map<string, string>();
/** The last error the server logged (its answer to an unexpected failure only says "internal error"). */
let logged: unknown = null;

async function setup(): Promise<void> {
  base = mkdtempSync(join(scratchDir(), "server-"));
  plantDir = join(base, "plant");
  // The example plant without its capture, so that a re-run (POST /api/run) takes a moment, not seconds.
  cpSync("examples/water-treatment", plantDir, {
    recursive: true,
    filter: (src) =>
      !/[\\/](captures|out|\.otaudit)([\\/]|$)/.test(src.slice("examples/water-treatment".length)),
  });
  mkdirSync(join(plantDir, "captures"));
  writeFileSync(join(base, "secret.txt"), `${SECRET}\n`);
  symlinkSync(base, join(plantDir, "escape"));
  for (const name of EDITED) pristine.set(name, readFileSync(join(plantDir, name), "utf8"));
  const error = console.error;
  console.error = (...args: unknown[]) => {
    logged = args.find((a) => a instanceof Error) ?? args.join(" ");
    void error;
  };
  workbench = await startWorkbench({ plantDir, token: TOKEN });
  host = new URL(workbench.url).host;
}

/** Sends the bytes, closes our side, and collects everything the server sends until it closes. */
function exchange(request: Buffer): Promise<{ response: string; error: string | null }> {
  return new Promise((resolve) => {
    const socket = connect(Number(host.split(":")[1]), "127.0.0.1");
    const chunks: Buffer[] = [];
    let error: string | null = null;
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on("close", () => resolve({ response: Buffer.concat(chunks).toString("latin1"), error }));
    socket.end(request);
  });
}

async function authedGet(path: string): Promise<string> {
  // HTTP/1.0: the answer comes whole, not chunked.
  const { response } = await exchange(
    Buffer.from(`GET ${path} HTTP/1.0\r\nHost: ${host}\r\nx-otaudit-token: ${TOKEN}\r\n\r\n`),
  );
  return response.slice(response.indexOf("\r\n\r\n") + 4);
}

/** Waits for an assessment the input started, so that its work (and failures) belong to this input. */
async function runFinished(): Promise<void> {
  for (;;) {
    const state = JSON.parse(await authedGet("/api/run")) as { running: boolean; error: string | null };
    if (!state.running) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function restorePlant(): void {
  for (const [name, text] of pristine) {
    const path = join(plantDir, name);
    let now: string | null = null;
    try {
      now = readFileSync(path, "utf8");
    } catch {}
    if (now !== text) writeFileSync(path, text);
  }
}

async function run(input: Uint8Array): Promise<void> {
  const request = Buffer.from(
    Buffer.from(input).toString("latin1").replaceAll("{{TOKEN}}", TOKEN).replaceAll("{{HOST}}", host),
    "latin1",
  );
  logged = null;
  const { response, error } = await exchange(request);
  const statuses = [...response.matchAll(/HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
  if (statuses.includes(202)) await runFinished();
  restorePlant();
  const outside = readdirSync(base).filter((n) => n !== "plant" && n !== "secret.txt");
  if (outside.length > 0) broken(`wrote outside the plant folder: ${outside.join(", ")}`);
  if (response.includes(SECRET)) broken("served a file from outside the plant folder");
  if (statuses.includes(500)) {
    if (logged instanceof Error) throw logged;
    broken(`answered 500: ${String(logged ?? response.slice(response.indexOf("\r\n\r\n") + 4, 200))}`);
  }
  const text = request.toString("latin1");
  const headComplete = /\r?\n\r?\n/.test(text) && /^[\r\n]*[A-Za-z]/.test(text);
  if (statuses.length === 0 && headComplete)
    broken(
      `no answer to a complete request head${error ? ` (${error})` : ""}: ${JSON.stringify(text.slice(0, 80))}`,
    );
}

// ---- seeds: the API's routes with the example plant's own files and answers ---------------------------------------

const H = "Host: {{HOST}}\r\n";
const AUTH = "x-otaudit-token: {{TOKEN}}\r\n";

function req(method: string, path: string, headers: string, body?: string): Uint8Array {
  const length =
    body === undefined
      ? ""
      : `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
  return encode(`${method} ${path} HTTP/1.1\r\n${headers}${length}\r\n${body ?? ""}`);
}

function seeds(): Uint8Array[] {
  const files = readdirSync("examples/water-treatment", { recursive: true, encoding: "utf8" })
    .filter((f) => !/^(captures|out|\.)/.test(f) && /\w\.\w+$/.test(f))
    .slice(0, 12)
    .map((f) => f.split(sep).join("/"));
  const answer = {
    zone: "supervisory",
    requirement: "SR 1.7",
    status: "met",
    evidence: "GPO export",
    assessor: "fuzz",
  };
  return [
    ...["/api/catalogue", "/api/assessment", "/api/history", "/api/answers", "/api/run"].map((p) =>
      req("GET", p, H + AUTH),
    ),
    ...files.map((f) => req("GET", `/api/file?path=${encodeURIComponent(f)}`, H + AUTH)),
    req("GET", "/api/file?path=../secret.txt", H + AUTH),
    req("GET", "/api/file?path=escape/secret.txt", H + AUTH),
    req("GET", "/api/file?path=%2Fetc%2Fpasswd", H + AUTH),
    req("PUT", "/api/answers", H + AUTH, JSON.stringify(answer)),
    req(
      "PUT",
      "/api/answers",
      `${H}${AUTH}Origin: http://{{HOST}}\r\nSec-Fetch-Site: same-origin\r\n`,
      JSON.stringify({ ...answer, status: "not-applicable", justification: "none" }),
    ),
    req("PUT", "/api/zones/control/target", H + AUTH, JSON.stringify({ target: 3 })),
    req("PUT", "/api/zones/safety/target", H + AUTH, JSON.stringify({ target: [3, 3, 2, 2, 1, 2, 3] })),
    req("PUT", "/api/assets/hmi-02/zone", H + AUTH, JSON.stringify({ zone: "control" })),
    req("POST", "/api/run", H + AUTH, ""),
    req(
      "PUT",
      "/api/answers",
      `${H}Cookie: otaudit_token={{TOKEN}}\r\nOrigin: http://evil.example\r\n`,
      JSON.stringify(answer),
    ),
    req("GET", "/?token={{TOKEN}}", H),
    req("GET", "//evil.example/?token={{TOKEN}}", H),
    req("GET", "/?token=wrong", H),
    req("GET", "/", `${H}Cookie: theme=dark; otaudit_token={{TOKEN}}\r\n`),
    req("GET", "/index.html", H),
    req("GET", "/api/catalogue", "Host: rebind.example:8462\r\n" + AUTH),
    req("GET", "/assets/..%2f..%2fpackage.json", H + AUTH),
    encode(`GET /api/run HTTP/1.1\r\n${H}${AUTH}\r\nGET /api/history HTTP/1.1\r\n${H}${AUTH}\r\n`),
    encode(
      `PUT /api/answers HTTP/1.1\r\n${H}${AUTH}Transfer-Encoding: chunked\r\n\r\n5\r\n{"zon\r\n0\r\n\r\n`,
    ),
    encode(`PUT /api/answers HTTP/1.1\r\n${H}${AUTH}Content-Length: 999999\r\n\r\n{}`),
  ];
}

export const targets: FuzzTarget[] = [
  {
    name: "server",
    sources: ["src/server/"],
    maxLen: 8 * 1024,
    timeoutMs: 20_000,
    dictionary: [
      "{{TOKEN}}",
      "{{HOST}}",
      AUTH,
      H,
      "Cookie: otaudit_token={{TOKEN}}\r\n",
      "\r\n",
      "\r\n\r\n",
      "GET ",
      "PUT ",
      "POST ",
      "HEAD ",
      "DELETE ",
      "OPTIONS ",
      "CONNECT ",
      " HTTP/1.1\r\n",
      " HTTP/1.0\r\n",
      "/api/",
      "/api/file?path=",
      "/api/zones/",
      "/target",
      "/api/assets/",
      "/zone",
      "/api/answers",
      "/api/run",
      "/api/assessment",
      "?token=",
      "&",
      "%2e%2e%2f",
      "..%2f",
      "%00",
      "%",
      "..\\",
      "//",
      "/./",
      "escape/",
      "../secret.txt",
      "Content-Length: ",
      "Transfer-Encoding: chunked\r\n",
      "Expect: 100-continue\r\n",
      "Connection: keep-alive\r\n",
      "Origin: http://{{HOST}}\r\n",
      "Origin: null\r\n",
      "Sec-Fetch-Site: cross-site\r\n",
      "Content-Type: application/json\r\n",
      '{"zone":"control"}',
      '{"target":',
      "[0,1,2,3,4,5,6]",
      '"status":"met"',
      '"requirement":"SR 1.1"',
      "null",
      '"__proto__"',
      '{"constructor":{"prototype":{}}}',
      "plant.yaml",
      "answers.yaml",
      "\u00ff",
      "\u0000",
    ],
    seeds,
    setup,
    run,
  },
];
