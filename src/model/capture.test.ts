import assert from "node:assert/strict";
import { test } from "node:test";
import { flowText } from "./capture.js";

test("a flow's label: ports for TCP and UDP, IPv6 in brackets, none for ICMP or layer 2", () => {
  const tcp = {
    transport: "tcp",
    client: "192.168.20.30",
    clientPort: 54275,
    server: "192.168.30.11",
    serverPort: 102,
  };
  assert.equal(flowText({ ...tcp, transport: "tcp" }), "192.168.20.30:54275 -> 192.168.30.11:102/tcp");
  assert.equal(
    flowText({
      transport: "udp",
      client: "fe80::1:5",
      clientPort: 38238,
      server: "2001:db8::7",
      serverPort: 1883,
    }),
    "[fe80::1:5]:38238 -> [2001:db8::7]:1883/udp",
  );
  assert.equal(
    flowText({
      transport: "icmp",
      client: "10.0.0.1",
      clientPort: null,
      server: "10.0.0.2",
      serverPort: null,
    }),
    "10.0.0.1 -> 10.0.0.2/icmp",
  );
  assert.equal(
    flowText({
      transport: "ether",
      client: "00:1b:1b:00:00:01",
      clientPort: null,
      server: "",
      serverPort: null,
    }),
    null,
  );
});
