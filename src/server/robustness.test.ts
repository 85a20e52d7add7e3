/**
 * Malformed and unusual requests against a real `otaudit serve` process: each gets a clean 4xx answer and the
 * process keeps serving. A page on any site could send the tokenless ones with an <img src>.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, renameSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { webRoot } from "./static-files.js";
import { call, examplePlantCopy, rawExchange, type SpawnedWorkbench, spawnWorkbench } from "./testing.js";

describe("workbench robustness", { timeout: 120_000 }, () => {
  let workbench: SpawnedWorkbench;
  let plantDir: string;
  const get = (path: string) =>
    call(workbench.port, { path, headers: { "x-otaudit-token": workbench.token } });

  async function assertStillServing(): Promise<void> {
    assert.equal(workbench.child.exitCode, null, "the server process ended");
    assert.equal((await get("/api/catalogue")).status, 200);
  }

  before(async () => {
    assert.ok(existsSync(join(webRoot(), "index.html")), "the UI is not built: run `npx vite build web`");
    plantDir = examplePlantCopy("otaudit-robust-");
    workbench = await spawnWorkbench(plantDir);
  });
  after(() => workbench?.stop());

  it("answers request targets the URL parser refuses with 4xx, without the token, and keeps running", async () => {
    for (const target of ["//[", "http://[/", "//%zz", "http://x:99999/", "/%", "*"]) {
      const answer = await rawExchange(
        workbench.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${workbench.port}\r\nConnection: close\r\n\r\n`,
      );
      assert.match(answer, /^HTTP\/1\.1 4\d\d /, `GET ${target}: ${JSON.stringify(answer.slice(0, 80))}`);
      await assertStillServing();
    }
  });

  it("answers the same malformed targets with 4xx when the token is given", async () => {
    for (const target of ["//[", "http://[/", "//%zz", "http://x:99999/"]) {
      const answer = await rawExchange(
        workbench.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${workbench.port}\r\nx-otaudit-token: ${workbench.token}\r\nConnection: close\r\n\r\n`,
      );
      assert.match(answer, /^HTTP\/1\.1 4\d\d /, `GET ${target}: ${JSON.stringify(answer.slice(0, 80))}`);
      await assertStillServing();
    }
  });

  it("answers CONNECT and protocol upgrades with 405 instead of leaving the socket open", async () => {
    for (const head of [
      `CONNECT 127.0.0.1:${workbench.port} HTTP/1.1\r\nHost: 127.0.0.1:${workbench.port}\r\n\r\n`,
      "CONNECT \nt:\r\n\r\n",
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${workbench.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
    ]) {
      const answer = await rawExchange(workbench.port, head);
      assert.match(answer, /^HTTP\/1\.1 4\d\d /, JSON.stringify(head));
      await assertStillServing();
    }
  });

  it("answers missing nested paths and normalised traversals with 404", async () => {
    for (const path of [
      "/a/b",
      "/a/b/c.js",
      "/assets/none/deeper.css",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/no/such/file",
      "/index.html/x",
    ]) {
      const res = await get(path);
      assert.equal(res.status, 404, `${path}: ${res.body}`);
      await assertStillServing();
    }
  });

  it("answers broken percent-encoding with 400", async () => {
    for (const path of ["/%", "/%zz/x", "/a%e0%80"]) {
      const res = await get(path);
      assert.equal(res.status, 400, `${path}: ${res.body}`);
      assert.match(res.body, /percent-encoding/);
      await assertStillServing();
    }
  });

  it("answers a save that fails on the file system with 500, naming neither the plant's location nor a stack", async () => {
    const path = join(plantDir, "answers.yaml");
    renameSync(path, `${path}.kept`);
    mkdirSync(path);
    try {
      const res = await call(workbench.port, {
        method: "PUT",
        path: "/api/answers",
        headers: { "x-otaudit-token": workbench.token, "content-type": "application/json" },
        body: JSON.stringify({ zone: "control", requirement: "SR 1.1", status: "met", evidence: "x" }),
      });
      assert.equal(res.status, 500);
      assert.equal(
        res.body,
        "internal error (EISDIR on read): the terminal running otaudit serve has the details",
      );
      await assertStillServing();
    } finally {
      rmdirSync(path);
      renameSync(`${path}.kept`, path);
    }
  });
});
