import assert from "node:assert/strict";
import { test } from "node:test";
import {
  contextOf,
  EXAMPLE_CAPTURE,
  EXAMPLE_PLANT,
  FIXTURE_PLANT,
  rederived,
  SNAP7,
} from "../../test/control-context.js";
import { CaptureParties } from "./capture-parties.js";
import { remoteAccessWithoutApproval, unexplainedRemoteSession } from "./remote-access.js";
import { explain, remoteSessions } from "./remote-sessions.js";

// The example scenario (src/capture/synth/scenarios/plant.ts) has jump01 RDP into ews-01 and hmi-01 (the
// sanctioned path), ews-01's TeamViewer, and three sessions nobody declared.
test("remote sessions of the example capture, each explained or not by the plant's declarations", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, EXAMPLE_CAPTURE);
  const sessions = remoteSessions(new CaptureParties(ctx.plant, ctx.capture!));
  assert.deepEqual(
    sessions
      .map((s) => `${s.method} ${s.client.id} -> ${s.server.id}: ${explain(ctx.plant, s).reason}`)
      .sort(),
    [
      "rdp jump01 -> ews-01: onward session of path staff-vpn from its jump host",
      "rdp jump01 -> hmi-01: onward session of path staff-vpn from its jump host",
      "rdp office-pc-12 -> hmi-01: no remote-access path or conduit declares rdp from zone enterprise to zone supervisory; path staff-vpn covers these hosts, but not this session",
      "ssh ews-01 -> sw-control: no remote-access path or conduit declares ssh from zone supervisory to zone control; paths staff-vpn, aquatech-teamviewer cover these hosts, but not this session",
      "teamviewer ews-01 -> 37.252.227.51: declared path aquatech-teamviewer",
      "telnet scada01 -> rtu-reservoir: no remote-access path or conduit declares telnet from zone supervisory to zone control; path staff-vpn covers these hosts, but not this session",
    ],
  );
});

test("RA-004 names the frames of unexplained sessions; declaring the path in a conduit explains it", async () => {
  const ctx = await contextOf(EXAMPLE_PLANT, EXAMPLE_CAPTURE);
  const found = unexplainedRemoteSession.check(ctx);
  assert.deepEqual(found.map((f) => f.id).sort(), [
    "RA-004:rdp:office-pc-12->hmi-01",
    "RA-004:ssh:ews-01->sw-control",
    "RA-004:telnet:scada01->rtu-reservoir",
  ]);
  const rdp = found.find((f) => f.id === "RA-004:rdp:office-pc-12->hmi-01")!;
  const flow = ctx.capture!.flows.find((f) => f.protocol === "rdp" && f.client === "10.10.10.32")!;
  assert.deepEqual(rdp.evidence, [
    {
      kind: "frame",
      file: EXAMPLE_CAPTURE,
      frame: flow.firstFrame,
      note: `rdp 10.10.10.32:${flow.clientPort} -> 192.168.20.21:3389`,
    },
  ]);
  assert.deepEqual(rdp.zones, ["enterprise", "supervisory"]);
  assert.deepEqual(rdp.assets, ["office-pc-12", "hmi-01"]);

  const declared = rederived(ctx, (input) =>
    input.plant.spec.conduits
      .find((c) => c.id === "supervisory-control")!
      .flows.push({ protocol: "ssh", transport: "tcp", ports: [22], from: "supervisory", to: "control" }),
  );
  assert.ok(!unexplainedRemoteSession.check(declared).some((f) => f.id === "RA-004:ssh:ews-01->sw-control"));
  const uncaptured = rederived(ctx, (input) => {
    input.capture = null;
  });
  assert.deepEqual(unexplainedRemoteSession.check(uncaptured), []);
});

test("RA-005: paths nobody on site approves; approved ones pass", async () => {
  const example = await contextOf(EXAMPLE_PLANT, null);
  // The DoseTech modem is switched on by phone when needed: that is approval.
  assert.deepEqual(
    remoteAccessWithoutApproval.check(example).map((f) => [f.id, f.zones, f.assets]),
    [["RA-005:aquatech-teamviewer", ["supervisory"], ["ews-01"]]],
  );
  assert.deepEqual(remoteAccessWithoutApproval.check(await contextOf(FIXTURE_PLANT, null)), []);
});

test("sessions inside one zone or between outside hosts are not remote access into the plant", async () => {
  const ctx = await contextOf(FIXTURE_PLANT, SNAP7);
  const parties = new CaptureParties(ctx.plant, ctx.capture!);
  const session = (client: string, server: string) => ({
    method: "rdp" as const,
    client: parties.party(client),
    server: parties.party(server),
    flows: [],
  });
  assert.deepEqual(explain(ctx.plant, session("10.30.0.7", "10.30.0.8")), {
    explained: true,
    reason: "inside one zone",
  });
  assert.deepEqual(explain(ctx.plant, session("198.51.100.7", "203.0.113.9")), {
    explained: true,
    reason: "outside the plant's zones",
  });
  // The fixture's office-cell conduit declares RDP; the reverse direction it does not.
  assert.deepEqual(explain(ctx.plant, session("10.20.0.5", "10.30.0.7")), {
    explained: true,
    reason: "declared in conduit office-cell",
  });
  assert.equal(explain(ctx.plant, session("10.30.0.7", "10.20.0.5")).explained, false);
});
