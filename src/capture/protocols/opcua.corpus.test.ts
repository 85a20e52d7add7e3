/**
 * OPC UA binary on the real corpus captures, compared with the ICSNPP logs and the facts stored beside them:
 * requests per service id, failures, findings, hosts and client/server pairs.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type CorpusRun, runCorpusCapture, tally } from "./corpus-baseline.js";

const DIR = "opcua-binary";

/**
 * Requests per service id in the capture's ICSNPP opcua_binary.log (no #fields header in these): each row is
 * one message exchange and names its request type, e.g. `446 OpenSecureChannelRequest`.
 */
function icsnppRequests(run: CorpusRun): Record<string, number> {
  const ids: number[] = [];
  for (const line of run.readBeside("expected.zeek-icsnpp.opcua_binary.log").split("\n")) {
    if (line.startsWith("#")) continue;
    const cols = line.split("\t");
    const i = cols.findIndex((c) => /^[A-Za-z]+Request$/.test(c));
    if (i > 0) ids.push(Number(cols[i - 1]));
  }
  return tally(ids, (id) => id);
}

function findings(run: CorpusRun): string[] {
  return run.report.observations.map((o) => `${o.kind}: ${o.detail}`);
}

describe("opcua on the corpus", () => {
  it("open62541_client-server_mainloop.pcap: every service ICSNPP logs, Publish failures, findings", async () => {
    const run = await runCorpusCapture(
      `${DIR}/opcua__open62541_client-server_mainloop/open62541_client-server_mainloop.pcap`,
    );
    const expected = icsnppRequests(run);
    // 37 rows: two HEL and two ACK exchanges carry no service.
    assert.equal(
      Object.values(expected).reduce((a, b) => a + b, 0),
      33,
    );
    assert.deepEqual(run.requestsByCode("opcua"), expected);
    // opcua_binary_status_code_detail.log: 10 ResponseHeaders with BadNoSubscription (0x80790000), all of
    // PublishResponses once the subscription is deleted.
    assert.deepEqual(run.exceptionsByCode("opcua"), { 826: 10 });
    assert.deepEqual(run.flowPairs("opcua"), ["::1 -> ::1:4840"]);
    assert.deepEqual(run.hostIps(), run.factsHosts());
    // Two secure channels with SecurityPolicy None; opcua_binary_activate_session.log shows the UserName token
    // (user1/password) in clear.
    assert.deepEqual(findings(run), [
      "insecure-channel: OPC UA SecurityMode None (SecurityPolicy None)",
      "insecure-channel: OPC UA SecurityMode None (SecurityPolicy None)",
      "cleartext-credentials: OPC UA ActivateSession UserName token with an unencrypted password: user u… (5 chars)",
    ]);
  });

  it("open62541_client-server_mainloop-no-handshake.pcap: a capture started mid-session", async () => {
    const run = await runCorpusCapture(
      `${DIR}/opcua__open62541_client-server_mainloop-no-handshake/open62541_client-server_mainloop-no-handshake.pcap`,
    );
    assert.deepEqual(run.requestsByCode("opcua"), icsnppRequests(run));
    assert.deepEqual(run.exceptionsByCode("opcua"), { 826: 10 });
    assert.deepEqual(run.flowPairs("opcua"), ["::1 -> ::1:4840"]);
    assert.deepEqual(run.hostIps(), run.factsHosts());
    // No OpenSecureChannel in the capture, so the channel's policy is not known: no insecure-channel finding,
    // but the UserName token is readable and in clear.
    assert.deepEqual(findings(run), [
      "cleartext-credentials: OPC UA ActivateSession UserName token with an unencrypted password: user u… (5 chars)",
    ]);
  });

  it("opcua_with-gap.pcap: resynchronises after the lost segment where Zeek stops", async () => {
    const run = await runCorpusCapture(`${DIR}/opcua__opcua_with-gap/opcua_with-gap.pcap`);
    const icsnpp = icsnppRequests(run);
    assert.deepEqual(icsnpp, { 446: 1, 461: 1 });
    // Zeek's analyzer gives up at the gap in the CreateSessionResponse. We skip to the next message header and
    // count what tshark decodes (`tshark -Y opcua -e opcua.servicenodeid.numeric` on the client's side): 461,
    // 467, 751 and 787 once, 631 x31, 826 x50, and the OPN.
    assert.deepEqual(run.requestsByCode("opcua"), {
      ...icsnpp,
      467: 1,
      631: 31,
      751: 1,
      787: 1,
      826: 50,
    });
    assert.deepEqual(
      run.anomaliesOf("opcua").map((a) => a.code),
      ["opcua-resync"],
    );
    assert.deepEqual(run.flowPairs("opcua"), run.factsPairs());
    assert.deepEqual(run.hostIps(), run.factsHosts());
    assert.deepEqual(findings(run), ["insecure-channel: OPC UA SecurityMode None (SecurityPolicy None)"]);
  });
});
