import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { macFromBytes } from "../decode/address.js";
import { comparePrefixes, prefixAt, registryBytes, vendorNames } from "./oui.js";

const mac = (text: string) =>
  macFromBytes(
    Uint8Array.from(text.split(":"), (h) => Number.parseInt(h, 16)),
    0,
  );

describe("vendor names", () => {
  it("maps MACs to the first line of their IEEE registry entry, the longest prefix winning", () => {
    const siemens = mac("00:1b:1b:01:02:03");
    const rockwell = mac("00:00:bc:aa:bb:cc");
    // 70:B3:D5 is the IEEE Registration Authority's block of MA-S (36-bit) assignments; oui-data has
    // "70B3D5001": "SOREDI touch systems GmbH" and "70B3D5002": "Gogo BA", which win over the 24-bit entry.
    const maS = mac("70:b3:d5:00:10:01");
    const maSOther = mac("70:b3:d5:00:20:01");
    const local = mac("02:00:00:00:00:01");
    const unknown = mac("fc:ff:ff:00:00:01");
    const names = vendorNames([siemens, rockwell, maS, maSOther, local, unknown]);
    // oui-data: "001B1B": "Siemens AG,\nI IA SC ..." (the stray comma dropped); "0000BC": "Rockwell Automation\n...".
    assert.equal(names.get(siemens), "Siemens AG");
    assert.equal(names.get(rockwell), "Rockwell Automation");
    assert.equal(names.get(maS), "SOREDI touch systems GmbH");
    assert.equal(names.get(maSOther), "Gogo BA");
    assert.equal(names.get(local), null);
    assert.equal(names.get(unknown), null);
  });

  it("relies on the registry file's order (prefix length, then prefix), which binary search needs", () => {
    const bytes = registryBytes();
    let previous: string | null = null;
    let entries = 0;
    for (let line = 0; line < bytes.length; ) {
      const lf = bytes.indexOf(0x0a, line);
      const end = lf < 0 ? bytes.length : lf;
      const entry = prefixAt(bytes, line, end);
      if (entry !== null) {
        if (previous !== null)
          assert.ok(comparePrefixes(previous, entry.prefix) < 0, `${previous} before ${entry.prefix}`);
        previous = entry.prefix;
        entries++;
      }
      line = end + 1;
    }
    // Every entry of the package's JSON was seen as one line.
    assert.equal(entries, Object.keys(JSON.parse(bytes.toString("utf8"))).length);
  });
});
