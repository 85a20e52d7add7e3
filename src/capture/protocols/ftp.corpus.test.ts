/** FTP on the real corpus capture, compared with Zeek's ftp.log and conn.log stored beside it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, tally, zeekPairs } from "./corpus-baseline.js";
import { code } from "./ftp.js";

describe("ftp on the corpus", () => {
  it("ipv4.pcap: commands, the anonymous login, masked, and the control connection", async () => {
    const run = await runCorpusCapture("ftp/zeek__ipv4/ipv4.pcap");
    const rows = run.zeekLog("expected.zeek.ftp.log");
    const requests = run.requestsByCode("ftp");
    // Zeek's ftp.log lists only the commands of its logged set (data channel and file commands): PASV x2,
    // PORT x2, RETR x2. We count every command; these agree, the others come from the dialogue (tshark
    // shows USER, PASS, SYST, LIST x2, TYPE x3, QUIT).
    const logged = tally(rows, (r) => code(r.command));
    for (const [c, n] of Object.entries(logged)) assert.equal(requests[c], n, `command ${c}`);
    assert.deepEqual(requests, {
      ...logged,
      [code("USER")]: 1,
      [code("PASS")]: 1,
      [code("SYST")]: 1,
      [code("LIST")]: 2,
      [code("TYPE")]: 3,
      [code("QUIT")]: 1,
    });
    assert.deepEqual(run.exceptionsByCode("ftp"), {});
    // Zeek prints the user ("anonymous") and the password ("test") in full; we keep the user's first
    // character and length, and nothing of the password.
    assert.equal(rows[0].user, "anonymous");
    const server = rows[0]["id.resp_h"];
    const seen = run.report.observations
      .filter((o) => o.protocol === "ftp")
      .map((o) => [o.kind, o.asset, o.detail]);
    assert.deepEqual(seen, [
      ["cleartext-credentials", `ip:${server}`, "FTP login in clear, user a… (9 chars)"],
      ["default-credentials", `ip:${server}`, "anonymous FTP login accepted"],
    ]);
    assert.ok(!JSON.stringify(run.report).includes(`"${rows[0].password}"`));
    // The control connection is Zeek's; its four ftp-data connections (ports from PASV/PORT replies) are not
    // followed by us and stay unnamed.
    const conn = run.zeekLog("expected.zeek.conn.log");
    assert.deepEqual(run.flowPairs("ftp"), zeekPairs(conn.filter((r) => r.service === "ftp")));
    assert.equal(run.report.flows.filter((f) => f.protocol === null && f.transport === "tcp").length, 4);
  });
});
