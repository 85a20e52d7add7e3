/** TLS on the real corpus capture, compared with Zeek's ssl.log and its version printout stored beside it. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { analyzeCaptures } from "../engine.js";
import {
  capturePath,
  exceptionsByCode,
  flowPairs,
  requestsByCode,
  zeekLog,
  zeekPairs,
} from "./corpus-baseline.js";

describe("tls on the corpus", () => {
  it("tls1.2.pcap: one handshake, TLS 1.2 both ways, no SNI, and Zeek's RC4 cipher as an insecure channel", async () => {
    const report = await analyzeCaptures([capturePath("tls/zeek__tls1.2/tls1.2.pcap")]);
    const [row] = zeekLog("tls/zeek__tls1.2/expected.zeek.ssl.log");
    assert.deepEqual(flowPairs(report, "tls"), zeekPairs([row]));
    assert.deepEqual(requestsByCode(report, "tls"), { 1: 1 });
    assert.deepEqual(exceptionsByCode(report, "tls"), {});
    // .stdout: "client, TLSv10, TLSv12" and "server, TLSv12, TLSv12" (record and hello versions): nothing below
    // TLS 1.2 is negotiated, so no old-version observation; server_name is unset, so no name.
    assert.match(
      readFileSync(capturePath("tls/zeek__tls1.2/expected.zeek..stdout"), "utf8"),
      /server, TLSv12, TLSv12/,
    );
    assert.equal(row.version, "TLSv12");
    assert.equal(row.server_name, "-");
    assert.deepEqual(
      report.assets.flatMap((a) => a.hostnames),
      [],
    );
    assert.deepEqual(
      report.observations.map((o) => [o.kind, o.asset, o.detail]),
      [["insecure-channel", `ip:${row["id.resp_h"]}`, `weak cipher suite ${row.cipher} negotiated`]],
    );
  });
});
