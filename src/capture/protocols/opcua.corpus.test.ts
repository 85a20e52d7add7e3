/**
 * OPC UA binary on the real corpus captures, compared with the ICSNPP logs and the facts stored beside them:
 * requests per service id, failures, findings, hosts and client/server pairs.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { analyzeCaptures } from "../engine.js";
import {
  capturePath,
  corpusFacts,
  exceptionsByCode,
  flowPairs,
  hostIps,
  requestsByCode,
  tally,
} from "./corpus-baseline.js";

const DIR = "opcua-binary";

/**
 * Requests per service id in an ICSNPP opcua_binary.log (these baselines have no #fields header): each row is
 * one message exchange and names its request type, e.g. `446 OpenSecureChannelRequest`.
 */
function icsnppRequests(relative: string): Record<string, number> {
  const ids: number[] = [];
  for (const line of readFileSync(capturePath(relative), "utf8").split("\n")) {
    if (line.startsWith("#")) continue;
    const cols = line.split("\t");
    const i = cols.findIndex((c) => /^[A-Za-z]+Request$/.test(c));
    if (i > 0) ids.push(Number(cols[i - 1]));
  }
  return tally(ids, (id) => id);
}

function findings(report: Awaited<ReturnType<typeof analyzeCaptures>>): string[] {
  return report.observations.map((o) => `${o.kind}: ${o.detail}`);
}

describe("opcua on the corpus", () => {
  it("open62541_client-server_mainloop.pcap: every service ICSNPP logs, Publish failures, findings", async () => {
    const file = `${DIR}/opcua__open62541_client-server_mainloop/open62541_client-server_mainloop.pcap`;
    const report = await analyzeCaptures([capturePath(file)]);
    const expected = icsnppRequests(
      `${DIR}/opcua__open62541_client-server_mainloop/expected.zeek-icsnpp.opcua_binary.log`,
    );
    // 37 rows: two HEL and two ACK exchanges carry no service.
    assert.equal(
      Object.values(expected).reduce((a, b) => a + b, 0),
      33,
    );
    assert.deepEqual(requestsByCode(report, "opcua"), expected);
    // opcua_binary_status_code_detail.log: 10 ResponseHeaders with BadNoSubscription (0x80790000), all of
    // PublishResponses once the subscription is deleted.
    assert.deepEqual(exceptionsByCode(report, "opcua"), { 826: 10 });
    assert.deepEqual(flowPairs(report, "opcua"), ["::1 -> ::1:4840"]);
    assert.deepEqual(hostIps(report), corpusFacts(file).facts.hosts);
    // Two secure channels with SecurityPolicy None; opcua_binary_activate_session.log shows the UserName token
    // (user1/password) in clear.
    assert.deepEqual(findings(report), [
      "insecure-channel: OPC UA SecurityMode None (SecurityPolicy None)",
      "insecure-channel: OPC UA SecurityMode None (SecurityPolicy None)",
      "cleartext-credentials: OPC UA ActivateSession UserName token with an unencrypted password: user u… (5 chars)",
    ]);
  });

  it("open62541_client-server_mainloop-no-handshake.pcap: a capture started mid-session", async () => {
    const file = `${DIR}/opcua__open62541_client-server_mainloop-no-handshake/open62541_client-server_mainloop-no-handshake.pcap`;
    const report = await analyzeCaptures([capturePath(file)]);
    const expected = icsnppRequests(
      `${DIR}/opcua__open62541_client-server_mainloop-no-handshake/expected.zeek-icsnpp.opcua_binary.log`,
    );
    assert.deepEqual(requestsByCode(report, "opcua"), expected);
    assert.deepEqual(exceptionsByCode(report, "opcua"), { 826: 10 });
    assert.deepEqual(flowPairs(report, "opcua"), ["::1 -> ::1:4840"]);
    assert.deepEqual(hostIps(report), corpusFacts(file).facts.hosts);
    // No OpenSecureChannel in the capture, so the channel's policy is not known: no insecure-channel finding,
    // but the UserName token is readable and in clear.
    assert.deepEqual(findings(report), [
      "cleartext-credentials: OPC UA ActivateSession UserName token with an unencrypted password: user u… (5 chars)",
    ]);
  });

  it("opcua_with-gap.pcap: resynchronises after the lost segment where Zeek stops", async () => {
    const file = `${DIR}/opcua__opcua_with-gap/opcua_with-gap.pcap`;
    const report = await analyzeCaptures([capturePath(file)]);
    const icsnpp = icsnppRequests(`${DIR}/opcua__opcua_with-gap/expected.zeek-icsnpp.opcua_binary.log`);
    assert.deepEqual(icsnpp, { 446: 1, 461: 1 });
    // Zeek's analyzer gives up at the gap in the CreateSessionResponse. We skip to the next message header and
    // count what tshark decodes (`tshark -Y opcua -e opcua.servicenodeid.numeric` on the client's side): 461,
    // 467, 751 and 787 once, 631 x31, 826 x50, and the OPN.
    assert.deepEqual(requestsByCode(report, "opcua"), {
      ...icsnpp,
      467: 1,
      631: 31,
      751: 1,
      787: 1,
      826: 50,
    });
    assert.deepEqual(
      report.anomalies.filter((a) => a.protocol === "opcua").map((a) => a.code),
      ["opcua-resync"],
    );
    const facts = corpusFacts(file).facts;
    assert.deepEqual(
      flowPairs(report, "opcua"),
      facts.pairs.map(([c, s, p]) => `${c} -> ${s}:${p}`),
    );
    assert.deepEqual(hostIps(report), facts.hosts);
    assert.deepEqual(findings(report), ["insecure-channel: OPC UA SecurityMode None (SecurityPolicy None)"]);
  });
});
