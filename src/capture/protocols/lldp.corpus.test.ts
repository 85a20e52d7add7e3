/**
 * LLDP and NetBIOS names on the real PROFINET capture: the station names equal those PROFINET DCP announces
 * (facts.json, tshark `pn_dcp.suboption_device_nameofstation`), and the values tshark reads in the LLDP and NBNS
 * frames.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCorpusCapture } from "./corpus-baseline.js";

const MIXED = "profinet-io-cm/profinet__profinet_io_cm_mixed_2/profinet_io_cm_mixed_2.pcapng";

describe("lldp and netbios names on the corpus", async () => {
  const run = await runCorpusCapture(MIXED);

  it("LLDP names each sending port by its station name, which PROFINET DCP confirms", () => {
    const stations = Object.keys(run.tsharkCounts("pn_dcp.suboption_device_nameofstation"));
    // tshark: 00:09:91:43:e0:68 chassis id "versamax-pns11"; 00:0e:8c:ef:75:c9 and :cd "siemens-x208-switch".
    for (const [mac, name] of [
      ["00:09:91:43:e0:68", "versamax-pns11"],
      ["00:0e:8c:ef:75:c9", "siemens-x208-switch"],
      ["00:0e:8c:ef:75:cd", "siemens-x208-switch"],
    ]) {
      assert.ok(stations.includes(name), name);
      assert.ok(run.assetWithMac(mac)?.hostnames.includes(name), `${mac} ${name}`);
    }
    assert.equal(
      run.assetWithMac("00:0e:8c:ef:75:c9")?.identity.product,
      "Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM",
    );
    // The VersaMax port announces management address 192.168.1.2: the device holding that address gets the name.
    assert.ok(run.assetWithIp("192.168.1.2")?.hostnames.includes("versamax-pns11"));
  });

  it("NetBIOS: 192.168.1.1 registers KW-VLIPC (its own name) and WORKGROUP (a group, no host name)", () => {
    // tshark: 24 registrations from 192.168.1.1, "Registration NB KW-VLIPC<00>" and "... WORKGROUP<00>".
    const registrations = run.report.operations.filter((o) => o.protocol === "netbios-ns" && o.code === 5);
    assert.deepEqual(
      registrations.map((o) => [o.client, o.count]),
      [["192.168.1.1", 24]],
    );
    const host = run.assetWithIp("192.168.1.1");
    assert.deepEqual(host?.hostnames, ["KW-VLIPC"]);
    assert.ok(!run.report.assets.some((a) => a.hostnames.includes("WORKGROUP")));
    assert.deepEqual(run.anomaliesOf("lldp", "netbios-ns"), []);
  });
});
