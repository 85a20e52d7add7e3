/** TLS on the real corpus capture, compared with Zeek's ssl.log and its version printout stored beside it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, zeekPairs } from "./corpus-baseline.js";

describe("tls on the corpus", () => {
  it("tls1.2.pcap: one handshake, TLS 1.2 both ways, no SNI, and Zeek's RC4 cipher as an insecure channel", async () => {
    const run = await runCorpusCapture("tls/zeek__tls1.2/tls1.2.pcap");
    const [row] = run.zeekLog("expected.zeek.ssl.log");
    assert.deepEqual(run.flowPairs("tls"), zeekPairs([row]));
    assert.deepEqual(run.requestsByCode("tls"), { 1: 1 });
    assert.deepEqual(run.exceptionsByCode("tls"), {});
    // .stdout: "client, TLSv10, TLSv12" and "server, TLSv12, TLSv12" (record and hello versions): nothing below
    // TLS 1.2 is negotiated, so no old-version observation; server_name is unset, so no name.
    assert.match(run.readBeside("expected.zeek..stdout"), /server, TLSv12, TLSv12/);
    assert.equal(row.version, "TLSv12");
    assert.equal(row.server_name, "-");
    assert.deepEqual(run.hostnames(), []);
    assert.deepEqual(
      run.report.observations.map((o) => [o.kind, o.asset, o.detail]),
      [["insecure-channel", `ip:${row["id.resp_h"]}`, `weak cipher suite ${row.cipher} negotiated`]],
    );
  });
});
