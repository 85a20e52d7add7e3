/**
 * Every configuration of the shared corpus: the supported formats parse, each warning is expected and explained
 * here, and the formats we do not read are reported as such.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { FirewallConfig } from "../../model/firewall.js";
import { detectFormat } from "./detect.js";
import { parseFirewallConfig } from "./load.js";

const CORPUS = "test/corpus/firewalls";

/** MANIFEST.tsv's format column to ours. */
const FORMATS: Readonly<Record<string, string>> = {
  "iptables-save": "iptables",
  "iptables-restore": "iptables",
  "iptables-restore-variant": "iptables",
  nftables: "nftables",
  cisco_asa: "cisco-asa",
  fortios: "fortios",
};

/** The warnings each file must give: line and the start of the message, with why. */
const EXPECTED: Readonly<Record<string, [number, string][]>> = {
  // The dump lists no policy for mangle POSTROUTING, which has a rule: iptables-restore would keep the running one.
  "bf_iptfw_z2-firewall.v4": [[4, "built-in chain POSTROUTING of table mangle has no policy line"]],
  // The FORWARD policy line is commented out on purpose (batfish tests IptablesChain with it).
  "bf_unit_host1.iptables": [[11, "built-in chain FORWARD of table filter has no policy line"]],
  // Not a clean dump: literal command names, tables without policy lines, NAT tables.
  "istio_tproxy.golden.ipt": [
    [1, '"iptables-save" is a command name'],
    [2, '"ip6tables-save" is a command name'],
    [3, "built-in chain PREROUTING of table mangle has no policy line"],
    [3, "built-in chain OUTPUT of table mangle has no policy line"],
    [24, "table nat: 19 address-translation rules"],
    [50, "built-in chain PREROUTING of table raw has no policy line"],
    [50, "built-in chain OUTPUT of table raw has no policy line"],
    [62, "built-in chain PREROUTING of table mangle has no policy line"],
    [62, "built-in chain OUTPUT of table mangle has no policy line"],
    [83, "table nat: 14 address-translation rules"],
    [103, "built-in chain OUTPUT of table raw has no policy line"],
    [111, '"iptables-save" is a command name'],
    [112, '"ip6tables-save" is a command name'],
  ],
  // batfish's negative test: no policy lines, a -6 rule iptables-restore skips, and `-m tcp` without `-p tcp`.
  bf_iptables_unsupported_rule_spec_options: [
    [1, "built-in chain INPUT of table filter has no policy line"],
    [1, "built-in chain FORWARD of table filter has no policy line"],
    [1, "built-in chain OUTPUT of table filter has no policy line"],
    [4, "-6: the rule is for IPv6 only"],
    [10, "-m tcp without -p tcp: iptables refuses the rule"],
  ],
  // Docker's NAT chains: address translation, not filtering.
  "moby_nft_masq_snat_nat__ip.nft": [
    [28, "chain nat-OUTPUT (type nat): 1 address-translation rules"],
    [33, "chain nat-POSTROUTING (type nat): 2 address-translation rules"],
    [39, "chain nat-PREROUTING (type nat): 1 address-translation rules"],
  ],
  "moby_nft_routed_bindlh__ip6.nft": [
    [28, "chain nat-OUTPUT (type nat): 1 address-translation rules"],
    [33, "chain nat-POSTROUTING (type nat): 2 address-translation rules"],
    [39, "chain nat-PREROUTING (type nat): 1 address-translation rules"],
  ],
  // The two problems batfish reports for this file: an undefined group and `interface outside` as an address.
  bf_unit_asa_acl: [
    [9, "network object drawbridge_hosts is not defined"],
    [9, "interface outside has no address in this configuration"],
  ],
  bf_unit_asa_nat: [[6, "16 NAT statements"]],
  // An access-group naming an access list that does not exist.
  "bf_asa-filters": [[36, "access-group FILTER_UNDEF: no such access list"]],
  // The batfish test file's `object-group group` form, and groups that name undefined groups.
  "bf_asa-nested-network-object-group": [
    [19, '"object-group group network admin" read as'],
    [23, "network object UNDEFINED_GROUP is not defined"],
    [31, "network object UNDEFINED_GROUP_MIXED is not defined"],
  ],
  "bf_asa-nested-service-object-group": [
    [17, '"object-group group service services" read as'],
    [23, "port-object in service group service4, which names no protocol"],
    [26, "port-object in service group mixed_group, which names no protocol"],
    [28, "group-object UNDEFINED_GROUP_MIXED is not a defined group"],
    [30, '"object-group group service services_undef" read as'],
    [31, "group-object UNDEFINED_GROUP is not a defined group"],
  ],
  "bf_asa-nat-twice-static": [[36, "9 NAT statements"]],
  "bf_asa-service-object": [
    [21, "service object OS_UNDEFINED is not defined"],
    [24, "group-object OGS_UNDEFINED is not a defined group"],
  ],
  // Address types with no fixed addresses (and one naming an interface that does not exist).
  bf_fortios_address: [
    [37, "address undefined-refs (interface-subnet address)"],
    [48, "address dynamic (dynamic)"],
    [53, "address fqdn (fqdn google.com)"],
    [57, "address geography (geography AQ)"],
    [65, "address mac (mac)"],
  ],
};

const UNSUPPORTED: Readonly<Record<string, string>> = {
  bf_palo_alto_rulebase: "Palo Alto PAN-OS",
  "bf_junos-srx-1.cfg": "Juniper Junos / SRX",
  "aerleon_sample_paloalto.xml": "Palo Alto PAN-OS",
};

const manifest = readFileSync(`${CORPUS}/MANIFEST.tsv`, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split("\t") as [string, string]);

test("the manifest lists every configuration this test knows about", () => {
  assert.equal(manifest.length, 35);
  for (const file of [...Object.keys(EXPECTED), ...Object.keys(UNSUPPORTED)])
    assert.ok(
      manifest.some(([f]) => f === file),
      file,
    );
});

for (const [file, format] of manifest) {
  test(`${file} (${format})`, () => {
    const text = readFileSync(`${CORPUS}/${file}`, "utf8");
    const parsed = parseFirewallConfig(text, file);
    const unsupported = UNSUPPORTED[file];
    if (unsupported) {
      assert.equal(parsed.config, null);
      assert.equal(parsed.problems.length, 1);
      assert.equal(parsed.problems[0]!.severity, "error");
      assert.match(
        parsed.problems[0]!.message,
        new RegExp(`^${unsupported.replace("/", "\\/")} configuration: this format is not supported`),
      );
      return;
    }
    assert.equal(detectFormat(text).format, FORMATS[format]);
    assert.ok(parsed.config);
    // What the parsers build is what the model declares (the JSON `otaudit firewall --json` prints).
    FirewallConfig.parse(parsed.config);
    const got = parsed.problems.map((p) => [p.severity, p.line, p.message] as const);
    const want = EXPECTED[file] ?? [];
    assert.equal(got.length, want.length, got.map((g) => `${g[1]}: ${g[2]}`).join("\n"));
    want.forEach(([line, start], i) => {
      assert.equal(got[i]![0], "warning");
      assert.equal(got[i]![1], line, got[i]![2]);
      assert.ok(got[i]![2].startsWith(start), `${got[i]![2]} should start with ${start}`);
    });
  });
}

test("the example plant's four configurations parse; only the NAT notes are left", () => {
  const expected: Record<string, string[]> = {
    "fw-ot.conf": [],
    "fw-edge.cfg": ["50: 1 NAT statement (lines 50) not modelled"],
    "dose-4g.rules": ["4: table nat: 4 address-translation rules are read but are not filters"],
    "syslog01.nft": [],
  };
  for (const [file, warnings] of Object.entries(expected)) {
    const parsed = parseFirewallConfig(
      readFileSync(`examples/water-treatment/firewalls/${file}`, "utf8"),
      file,
    );
    assert.ok(parsed.config, file);
    FirewallConfig.parse(parsed.config);
    assert.deepEqual(
      parsed.problems.map((p) => `${p.line}: ${p.message}`.slice(0, warnings[0]?.length ?? 0)),
      warnings,
      file,
    );
  }
});

test("cut or shuffled configurations give warnings, never an exception", () => {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (const [file] of manifest) {
    const text = readFileSync(`${CORPUS}/${file}`, "utf8");
    for (let k = 1; k <= 8; k++) {
      const cut = text.slice(0, Math.floor((text.length * k) / 9));
      const lines = text.split("\n");
      const shuffled = lines
        .map((l, i) =>
          next(4) === 0 ? lines[next(lines.length)]! : i % 7 === 0 ? l.slice(0, next(l.length + 1)) : l,
        )
        .join("\n");
      for (const variant of [cut, shuffled]) {
        const parsed = parseFirewallConfig(variant, file);
        if (parsed.config) FirewallConfig.parse(parsed.config);
      }
    }
  }
});
