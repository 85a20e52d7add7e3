/**
 * Requests that carry the cookie but come from elsewhere: a page on another local port (same site, so SameSite
 * lets the cookie through) and a DNS-rebound name that resolves to 127.0.0.1. Both are refused with 403.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { COOKIE } from "./access-token.js";
import { startWorkbench, type Workbench } from "./server.js";
import { type Call, call, examplePlantCopy } from "./testing.js";

describe("workbench same-origin checks", () => {
  let workbench: Workbench;
  let port: number;
  let own: string;
  /** A request as the browser would send it, with the cookie it holds for 127.0.0.1. */
  const browser = (init: Call) =>
    call(port, {
      ...init,
      headers: { host: `127.0.0.1:${port}`, cookie: `${COOKIE}=${workbench.token}`, ...init.headers },
    });
  const answer = JSON.stringify({ zone: "control", requirement: "SR 1.1", status: "partial", evidence: "x" });

  before(async () => {
    workbench = await startWorkbench({ plantDir: examplePlantCopy("otaudit-origin-") });
    own = new URL(workbench.url).origin;
    port = Number(new URL(workbench.url).port);
  });
  after(() => workbench.close());

  it("refuses a state change sent by a page on another local port", async () => {
    const res = await browser({
      method: "POST",
      path: "/api/run",
      headers: { origin: "http://127.0.0.1:18999", "sec-fetch-site": "same-site" },
    });
    assert.equal(res.status, 403);
    assert.match(res.body, /http:\/\/127\.0\.0\.1:18999/);
    assert.match(res.body, /origin/i);
    assert.equal((await browser({ path: "/api/run" })).status, 200);
  });

  it("refuses state changes from a foreign or opaque Origin, or a Sec-Fetch-Site other than same-origin", async () => {
    const cases: Record<string, string>[] = [
      { origin: "http://127.0.0.1:18999" },
      { origin: "http://localhost:18999" },
      { origin: `https://127.0.0.1:${port}` },
      { origin: "null" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
      { origin: own, "sec-fetch-site": "same-site" },
    ];
    for (const headers of cases) {
      const put = await browser({
        method: "PUT",
        path: "/api/answers",
        headers: { ...headers, "content-type": "application/json" },
        body: answer,
      });
      assert.equal(put.status, 403, JSON.stringify(headers));
    }
  });

  it("accepts state changes from its own origin, and from tools that send no Origin", async () => {
    const fromPage = await browser({
      method: "PUT",
      path: "/api/answers",
      headers: { origin: own, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: answer,
    });
    assert.equal(fromPage.status, 200, fromPage.body);
    const fromLocalhost = await browser({
      method: "PUT",
      path: "/api/answers",
      headers: {
        host: `localhost:${port}`,
        origin: `http://localhost:${port}`,
        "content-type": "application/json",
      },
      body: answer,
    });
    assert.equal(fromLocalhost.status, 200, fromLocalhost.body);
    const fromTool = await call(port, {
      method: "PUT",
      path: "/api/answers",
      headers: { "x-otaudit-token": workbench.token, "content-type": "application/json" },
      body: answer,
    });
    assert.equal(fromTool.status, 200, fromTool.body);
  });

  it("refuses a Host header it does not listen as, to defeat DNS rebinding", async () => {
    for (const host of [
      "attacker.example",
      `attacker.example:${port}`,
      `127.0.0.1:${port + 1}`,
      "127.0.0.1",
    ]) {
      const res = await browser({ path: "/api/catalogue", headers: { host } });
      assert.equal(res.status, 403, host);
      assert.match(res.body, /host/i);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      assert.equal((await browser({ path: "/api/catalogue", headers: { host } })).status, 200, host);
    }
  });
});
