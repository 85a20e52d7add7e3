import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { chromiumUnavailable } from "./chromium.js";

function withFolder(work: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "otaudit-browser-"));
  try {
    work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("OTAUDIT_CHROMIUM naming no program says so and how to get a browser", () => {
  withFolder((dir) => {
    const reason = chromiumUnavailable({ OTAUDIT_CHROMIUM: join(dir, "nothing") }, "linux");
    assert.match(reason ?? "", /Chromium is not installed at .*nothing \(OTAUDIT_CHROMIUM\)/);
    assert.match(reason ?? "", /apt-get install chromium/);
  });
});

test("a per-user Edge on Windows is found in LocalAppData", () => {
  withFolder((dir) => {
    const edge = join(dir, "Microsoft", "Edge", "Application");
    mkdirSync(edge, { recursive: true });
    writeFileSync(join(edge, "msedge.exe"), "");
    chmodSync(join(edge, "msedge.exe"), 0o755);
    assert.equal(chromiumUnavailable({ LOCALAPPDATA: dir, PROGRAMFILES: join(dir, "none") }, "win32"), null);
  });
});

test("no browser anywhere: the places looked in and the way to get one are named", () => {
  withFolder((dir) => {
    const reason = chromiumUnavailable({ PROGRAMFILES: dir }, "win32") ?? "";
    assert.match(reason, /no Chromium, Chrome or Edge found/);
    assert.ok(reason.includes(join(dir, "Google", "Chrome", "Application", "chrome.exe")));
    assert.match(reason, /set OTAUDIT_CHROMIUM/);
  });
});
