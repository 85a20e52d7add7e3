/**
 * BACnet/IP on the real corpus captures, compared with the ICSNPP logs and the facts stored beside them:
 * requests per code, failed requests, hosts, client/server pairs and the identity of the devices.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UNCONFIRMED_BASE } from "./bacnet-names.js";
import { runCorpusCapture, tally, zeekPairs } from "./corpus-baseline.js";

/** ICSNPP's bacnet.log service names used by the corpus, with their ASHRAE 135 service choices. */
const CONFIRMED: Record<string, number> = { read_property: 12, reinitialize_device: 20 };
const UNCONFIRMED: Record<string, number> = {
  i_am: 0,
  i_have: 1,
  time_synchronization: 6,
  who_has: 7,
  who_is: 8,
};

/** Requests per code as ICSNPP logs them (unconfirmed services at 0x100 + choice, as bacnet-names.ts counts). */
function icsnppRequests(rows: Record<string, string>[]): Record<string, number> {
  return tally(
    rows.filter((r) => r.pdu_type === "CONFIRMED_REQUEST" || r.pdu_type === "UNCONFIRMED_REQUEST"),
    (r) =>
      r.pdu_type === "CONFIRMED_REQUEST"
        ? CONFIRMED[r.pdu_service]
        : UNCONFIRMED_BASE + UNCONFIRMED[r.pdu_service],
  );
}

describe("bacnet on the corpus", () => {
  it("bacnet_example.pcap: requests, failures, pairs and hosts as ICSNPP logs them", async () => {
    const run = await runCorpusCapture("bacnet/bacnet__bacnet_example/bacnet_example.pcap");
    const log = run.zeekLog("expected.zeek-icsnpp.bacnet.log");
    const expected = icsnppRequests(log);
    assert.deepEqual(expected, { 12: 1400, 20: 120, [UNCONFIRMED_BASE]: 210, [UNCONFIRMED_BASE + 8]: 7 });
    assert.deepEqual(run.requestsByCode("bacnet"), expected);
    // 90 ERROR_PDU (password-failure) answer reinitializeDevice; the 30 SIMPLE_ACKs succeed.
    assert.deepEqual(
      run.exceptionsByCode("bacnet"),
      tally(
        log.filter((r) => r.pdu_type === "ERROR_PDU"),
        (r) => CONFIRMED[r.pdu_service],
      ),
    );
    assert.deepEqual(run.flowPairs("bacnet"), zeekPairs(log));
    // 172.20.32.255 is a host here: the capture sends its broadcasts to a unicast MAC.
    assert.deepEqual(run.hostIps(), run.factsHosts());
  });

  it("bacnet_example.pcap: I-Am instances and vendors as in ICSNPP's bacnet_discovery.log", async () => {
    const run = await runCorpusCapture("bacnet/bacnet__bacnet_example/bacnet_example.pcap");
    const iAms = run
      .zeekLog("expected.zeek-icsnpp.bacnet_discovery.log")
      .filter((r) => r.pdu_service === "i-am");
    const devices = new Map(iAms.map((r) => [r.source_h, r]));
    assert.equal(devices.size, 30);
    for (const [ip, row] of devices) {
      const identity = run.assetWithIp(ip)?.identity;
      assert.equal(identity?.name, `BACnet device ${row.instance_number}`, ip);
      // Our vendor table holds the common vendors only: the others are kept by number, not named.
      assert.ok(identity?.vendor === row.vendor || /^BACnet vendor \d+$/.test(identity?.vendor ?? ""), ip);
    }
    const vendorOf = (ip: string) => run.assetWithIp(ip)?.identity.vendor;
    for (const ip of ["172.20.32.106", "172.20.32.113", "172.20.32.114", "172.20.32.116", "172.20.32.121"])
      assert.equal(vendorOf(ip), devices.get(ip)?.vendor, ip);
  });

  it("bacnet_example.pcap: device names, models and firmware from the ReadProperty acks ICSNPP logs", async () => {
    const run = await runCorpusCapture("bacnet/bacnet__bacnet_example/bacnet_example.pcap");
    const acks = run
      .zeekLog("expected.zeek-icsnpp.bacnet_property.log")
      .filter((r) => r.pdu_service === "read-property-ack" && r.object_type === "device");
    const value = (ip: string, property: string) =>
      acks.find((r) => r.source_h === ip && r.property === property)?.value;
    const devices = [...new Set(acks.map((r) => r.source_h))];
    assert.equal(devices.length, 30);
    for (const ip of devices) {
      const asset = run.assetWithIp(ip);
      assert.deepEqual(asset?.hostnames, [value(ip, "object-name")], ip);
      assert.equal(asset?.identity.model, value(ip, "model-name"), ip);
      assert.equal(asset?.identity.firmware, value(ip, "firmware-revision"), ip);
    }
  });

  it("bacnet_example.pcap: the reinitializeDevice passwords are reported masked, once per device", async () => {
    const run = await runCorpusCapture("bacnet/bacnet__bacnet_example/bacnet_example.pcap");
    const credentials = run.report.observations.filter((o) => o.kind === "cleartext-credentials");
    // 172.20.32.250 sent reinitializeDevice with a password to 22 of the devices (ICSNPP: 120 requests).
    const targets = new Set(
      run
        .zeekLog("expected.zeek-icsnpp.bacnet.log")
        .filter((r) => r.pdu_type === "CONFIRMED_REQUEST" && r.pdu_service === "reinitialize_device")
        .map((r) => `ip:${r.destination_h}`),
    );
    assert.equal(targets.size, 22);
    assert.deepEqual(new Set(credentials.map((o) => o.asset)), targets);
    for (const o of credentials)
      assert.match(o.detail, /^BACnet ReinitializeDevice password in clear: \S… \(\d+ chars\)$/);
  });

  it("bacnet_segmented_data.pcap: a segmented ComplexACK counts once, as ICSNPP's bacnet.log", async () => {
    const run = await runCorpusCapture("bacnet/bacnet__bacnet_segmented_data/bacnet_segmented_data.pcap");
    const log = run.zeekLog("expected.zeek-icsnpp.bacnet.log");
    assert.deepEqual(run.requestsByCode("bacnet"), icsnppRequests(log));
    assert.deepEqual(run.exceptionsByCode("bacnet"), {});
    assert.deepEqual(run.flowPairs("bacnet"), zeekPairs(log));
    // Zeek lists the subnet broadcast 10.0.0.255 as a host; its frames go to ff:ff:ff:ff:ff:ff, so no device
    // answers to that address and the inventory leaves it out.
    assert.deepEqual(run.hostIps(), ["10.0.0.1", "10.0.0.2"]);
    assert.deepEqual(run.factsHosts(), ["10.0.0.1", "10.0.0.2", "10.0.0.255"]);
    assert.deepEqual(run.anomaliesOf("bacnet"), []);
    // ICSNPP names vendor 154 "Unitec Corporation": not in our table of common vendors, so kept as a number.
    const instances = run
      .zeekLog("expected.zeek-icsnpp.bacnet_discovery.log")
      .filter((r) => r.pdu_service === "i-am")
      .map((r) => [r.source_h, `BACnet device ${r.instance_number}`]);
    for (const [ip, name] of instances) {
      const identity = run.assetWithIp(ip)?.identity;
      assert.deepEqual([identity?.name, identity?.vendor], [name, "BACnet vendor 154"]);
    }
  });
});
