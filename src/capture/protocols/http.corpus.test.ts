/** HTTP on the real corpus capture, compared with Zeek's http.log stored beside it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, zeekPairs } from "./corpus-baseline.js";
import { METHODS } from "./http.js";

describe("http on the corpus", () => {
  it("http-filename.pcap: the GET, its Host naming the server, the user agent naming no OS", async () => {
    const run = await runCorpusCapture("http/zeek__http-filename/http-filename.pcap");
    const rows = run.zeekLog("expected.zeek.http.log");
    assert.deepEqual(run.flowPairs("http"), zeekPairs(rows));
    const method = METHODS.find((m) => m.name === rows[0].method);
    assert.deepEqual(run.requestsByCode("http"), { [String(method?.code)]: rows.length });
    assert.equal(rows[0].status_code, "200");
    assert.deepEqual(run.exceptionsByCode("http"), {});
    const server = run.assetWithIp(rows[0]["id.resp_h"]);
    assert.deepEqual(server?.hostnames, [rows[0].host]);
    // The response header "Server: nginx" (frame 7, as tshark shows it); Zeek's http.log has no such column.
    assert.equal(server?.identity.software, "nginx");
    // Zeek logs user_agent curl/7.45.0: client software that names no OS, so the client gets no identity.
    assert.equal(rows[0].user_agent, "curl/7.45.0");
    const client = run.assetWithIp(rows[0]["id.orig_h"]);
    assert.deepEqual(client?.identity, { sources: [] });
    assert.deepEqual(run.report.observations, []);
  });
});
