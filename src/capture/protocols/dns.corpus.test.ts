/**
 * DNS and LLMNR on the real corpus captures, compared with Zeek's dns.log and with what tshark reads in the
 * captures without a Zeek DNS baseline.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture, zeekPairs } from "./corpus-baseline.js";

describe("dns on the corpus", () => {
  it("dns-txt-multiple.pcap: one TXT query answered by CNAMEs and TXT strings, as in Zeek's dns.log", async () => {
    const run = await runCorpusCapture("dns/zeek__dns-txt-multiple/dns-txt-multiple.pcap");
    const rows = run.zeekLog("expected.zeek.dns.log");
    assert.deepEqual(run.flowPairs("dns"), zeekPairs(rows));
    // Zeek leaves qtype unset ("-"); the query (frame 1) asks for TXT (16), as tshark reads it.
    assert.deepEqual(run.requestsByCode("dns"), { 16: rows.length });
    assert.equal(rows[0].rcode_name, "NOERROR");
    assert.deepEqual(run.exceptionsByCode("dns"), {});
    // The answers are CNAMEs and TXT: no address gets a name. (The additional section's A records for the
    // yahoo.com name servers are glue, which we do not take as names.)
    assert.deepEqual(run.hostnames(), []);
  });

  it("modbusSmall.pcap: three A queries answered, as tshark's six DNS frames", async () => {
    const run = await runCorpusCapture("modbus/zeek__modbusSmall/modbusSmall.pcap");
    // facts.json (tshark): 6 DNS frames, three queries for A records and their answers.
    assert.equal(run.facts().tshark_derived?.frames_per_protocol.dns, 6);
    assert.deepEqual(run.requestsByCode("dns"), { 1: 3 });
    assert.deepEqual(run.exceptionsByCode("dns"), {});
    // The answered addresses (74.125.239.x for mail.google.com) never send a packet here: they are no assets,
    // so their names are not listed.
    assert.deepEqual(run.hostnames(), []);
  });

  it("profinet_io_cm_mixed_2: LLMNR queries per sender and type, as tshark counts them", async () => {
    const run = await runCorpusCapture(
      "profinet-io-cm/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng",
    );
    // tshark `llmnr && dns.flags.response==0`: 192.168.1.1 A 40 / ANY 24, fe80::14ea:3851:8243:3893 A 40 /
    // ANY 28, 169.254.216.43 A 2, fe80::8132:2f4e:e1e2:d82b A 2; no answers.
    const counts = run.report.operations
      .filter((o) => o.protocol === "llmnr")
      .map((o) => `${o.client} ${o.code} ${o.count}`)
      .sort();
    assert.deepEqual(counts, [
      "169.254.216.43 1 2",
      "192.168.1.1 1 40",
      "192.168.1.1 255 24",
      "fe80::14ea:3851:8243:3893 1 40",
      "fe80::14ea:3851:8243:3893 255 28",
      "fe80::8132:2f4e:e1e2:d82b 1 2",
    ]);
  });
});
