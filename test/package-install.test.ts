/**
 * otaudit as a user gets it: the packed tarball installed globally into an empty prefix, then run from a folder
 * outside the source tree. Nothing may come from the checkout: the bin, the web UI, the schemas and the example
 * must all be inside the package. `npm test` has built dist/ already, so the pack skips the prepack build.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

const work = mkdtempSync(join(tmpdir(), "otaudit-package-"));
const prefix = join(work, "prefix");
const bin = join(prefix, "bin", "otaudit");
// A folder with no package.json above it in the checkout: the CLI must not find its way back to the sources.
const elsewhere = join(work, "elsewhere");

function npm(args: string[]): string {
  return execFileSync("npm", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });
}

function otaudit(args: string[]): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(bin, args, {
      cwd: elsewhere,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 300_000,
      env: childEnv(),
    });
    return { code: 0, out, err: "" };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout, err: err.stderr };
  }
}

/** The user's environment, less what npm sets for the scripts it runs (npm test is one of them). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("npm_")) env[k] = v;
  return env;
}

before(() => {
  npm(["pack", "--ignore-scripts", "--pack-destination", work]);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");
  npm([
    "install",
    "--global",
    "--prefix",
    prefix,
    "--allow-scripts=better-sqlite3",
    "--prefer-offline",
    "--no-audit",
    "--no-fund",
    join(work, tarball),
  ]);
  cpSync(
    join(prefix, "lib", "node_modules", "otaudit", "examples", "water-treatment"),
    join(elsewhere, "plant"),
    {
      recursive: true,
    },
  );
});

after(() => rmSync(work, { recursive: true, force: true }));

test("the installed otaudit answers --help and --version from any folder", () => {
  const help = otaudit(["--help"]);
  assert.equal(help.code, 0, help.err);
  assert.match(help.out, /assess/);
  assert.match(otaudit(["--version"]).out, /^\d+\.\d+\.\d+\n$/);
});

test("the installed otaudit assesses a copy of the example it ships", () => {
  const r = otaudit(["assess", "plant"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /report: plant\/out\/report\.html/);
  for (const file of ["report.html", "assessment.json", "findings.csv", "assets.csv", "report.docx"]) {
    assert.ok(existsSync(join(elsewhere, "plant", "out", file)), file);
  }
});

test("the installed otaudit serves the workbench UI it ships", async () => {
  const child: ChildProcess = spawn(bin, ["serve", "plant", "--port", "0"], {
    cwd: elsewhere,
    env: childEnv(),
  });
  try {
    const url = await new Promise<string>((done, fail) => {
      let seen = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(seen);
        if (m?.[1]) done(m[1]);
      });
      child.once("exit", (code) => fail(new Error(`serve exited ${code}: ${seen}`)));
    });
    // The start-up URL trades its token for a cookie, as a browser would keep it.
    const start = await fetch(url, { redirect: "manual" });
    const cookie = start.headers.get("set-cookie")?.split(";")[0] ?? "";
    const page = await fetch(new URL("/", url), { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script type="module"[^>]*src="\.\/assets\//);
  } finally {
    child.kill();
  }
});
