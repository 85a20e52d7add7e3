/**
 * DHCP on the real corpus captures, compared with Zeek's dhcp.log and conn.log stored beside them, and with what
 * tshark reads in the PROFINET capture that carries DHCP.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, tally, zeekPairs } from "./corpus-baseline.js";

const DHCP = "dhcp/zeek__dhcp/dhcp.pcap";
const MIXED = "profinet-io-cm/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng";
/** RFC 2132 9.6 message types, as Zeek names them; the client's are requests, the server's answers. */
const CLIENT_TYPES: Record<string, number> = { DISCOVER: 1, REQUEST: 3, DECLINE: 4, RELEASE: 7, INFORM: 8 };

describe("dhcp on the corpus", () => {
  it("dhcp.pcap: the client's messages as Zeek's msg_types, on Zeek's flows", async () => {
    const run = await runCorpusCapture(DHCP);
    const rows = run.zeekLog("expected.zeek.dhcp.log");
    const clientMessages = rows.flatMap((r) => r.msg_types.split(",")).filter((t) => t in CLIENT_TYPES);
    assert.deepEqual(
      run.requestsByCode("dhcp"),
      tally(clientMessages, (t) => CLIENT_TYPES[t]),
    );
    assert.deepEqual(run.requestsByCode("dhcp"), { 1: 1, 3: 2, 4: 1, 7: 1, 8: 1 });
    // Zeek pairs the NAK with the REQUEST by transaction id across flows (the REQUEST went 0.0.0.0 -> broadcast,
    // the NAK 128.2.6.152 -> broadcast); our responses pair within a flow, so the NAK fails no counted request.
    assert.deepEqual(run.exceptionsByCode("dhcp"), {});
    assert.deepEqual(run.flowPairs("dhcp"), zeekPairs(run.zeekLog("expected.zeek.conn.log")));
    assert.deepEqual(run.report.anomalies, []);
  });

  // Every message of these clients comes from 0.0.0.0: the name belongs to the sender's MAC. This needs the
  // analyzer to resolve the "src" party of a PDU from an unspecified address to the packet's source MAC.
  it("dhcp.pcap: the host name names the client's MAC, as Zeek's dhcp.log host_name does", async () => {
    const run = await runCorpusCapture(DHCP);
    const row = run.zeekLog("expected.zeek.dhcp.log")[0];
    assert.deepEqual(run.assetWithMac(row.mac)?.hostnames, [row.host_name]);
  });

  it("profinet_io_cm_mixed_2: two clients name themselves; the Windows one says so by its vendor class", async () => {
    const run = await runCorpusCapture(MIXED);
    // tshark: 16 DISCOVERs with host name LT-US-DSWANSON and vendor class "MSFT 5.0", 46 with siemens-x208-switch.
    assert.deepEqual(run.requestsByCode("dhcp"), { 1: 62 });
    const names = run.hostnames();
    assert.ok(names.includes("LT-US-DSWANSON") && names.includes("siemens-x208-switch"));
    const windows = run.report.assets.find((a) => a.hostnames.includes("LT-US-DSWANSON"));
    assert.equal(windows?.identity.os, "Windows");
  });
});
