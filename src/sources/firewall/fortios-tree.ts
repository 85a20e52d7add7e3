/**
 * The block structure of a FortiOS configuration: `config <path>` ... `end`, `edit <name>` ... `next`, and the
 * `set`/`append`/`unset`/`select` commands in between, replayed in order so an entry holds its final values and
 * the line that set each one. `move` and `delete` reorder and remove entries as the device would.
 */
import { type Warnings, words } from "./rule-parts.js";
import { wordTable } from "./word-table.js";

export interface Setting {
  values: string[];
  line: number;
}

export interface Entry {
  name: string;
  line: number;
  settings: Map<string, Setting>;
  children: ConfigNode[];
}

export interface ConfigNode {
  path: string;
  line: number;
  /** Settings made directly in the block (`config system global` / `set hostname x`). */
  settings: Map<string, Setting>;
  entries: Entry[];
}

/** Keys whose change resets the keys that depend on it (a service's protocol resets its ports and ICMP type). */
const RESETS: Readonly<Record<string, readonly string[]>> = wordTable({
  protocol: ["tcp-portrange", "udp-portrange", "sctp-portrange", "icmptype", "icmpcode", "protocol-number"],
});

function apply(
  settings: Map<string, Setting>,
  op: string,
  key: string,
  values: string[],
  line: number,
): void {
  if (op === "unset") {
    settings.delete(key);
    // Without a type, an ICMP code means nothing: unsetting the type clears it too.
    if (key === "icmptype") settings.delete("icmpcode");
    return;
  }
  const before = settings.get(key);
  if (op === "append" && before) {
    settings.set(key, { values: [...before.values, ...values], line });
    return;
  }
  if (RESETS[key] && before?.values.join(" ") !== values.join(" "))
    for (const k of RESETS[key]) settings.delete(k);
  settings.set(key, { values, line });
}

export function parseFortiTree(text: string, w: Warnings): ConfigNode[] {
  const roots: ConfigNode[] = [];
  const stack: { node: ConfigNode; entry: Entry | null }[] = [];
  const byPath = new Map<string, ConfigNode>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) return;
    const [op, ...args] = words(t);
    const top = stack.at(-1);
    switch (op) {
      case "config": {
        const path = args.join(" ");
        // A top-level block seen again continues the same table, as the CLI does.
        const existing = stack.length === 0 ? byPath.get(path) : undefined;
        const node = existing ?? { path, line, settings: new Map(), entries: [] };
        if (!existing) {
          if (top?.entry) top.entry.children.push(node);
          else if (top)
            w.warn(
              line,
              "unparsed-line",
              `config ${path} inside config ${top.node.path} without edit; read as nested`,
            );
          else {
            roots.push(node);
            byPath.set(path, node);
          }
        }
        stack.push({ node, entry: null });
        return;
      }
      case "edit": {
        if (!top) {
          w.warn(line, "unparsed-line", `edit outside a config block; ignored`);
          return;
        }
        const name = args[0] ?? "";
        let entry = top.node.entries.find((e) => e.name === name);
        if (!entry) {
          entry = { name, line, settings: new Map(), children: [] };
          top.node.entries.push(entry);
        }
        top.entry = entry;
        return;
      }
      case "next":
        if (top) top.entry = null;
        return;
      case "end":
        if (!stack.pop()) w.warn(line, "unparsed-line", "end without config; ignored");
        return;
      case "set":
      case "append":
      case "unset":
      case "select": {
        if (!top) {
          w.warn(line, "unparsed-line", `${op} outside a config block; ignored`);
          return;
        }
        const [key, ...values] = args;
        if (!key) return;
        apply(top.entry?.settings ?? top.node.settings, op === "select" ? "set" : op, key, values, line);
        return;
      }
      case "move": {
        if (!top) return;
        const [id, where, other] = args;
        const from = top.node.entries.findIndex((e) => e.name === id);
        if (
          from < 0 ||
          !top.node.entries.some((e) => e.name === other) ||
          (where !== "before" && where !== "after")
        ) {
          w.warn(line, "unresolved-name", `move ${args.join(" ")}: no such entries; ignored`);
          return;
        }
        const [entry] = top.node.entries.splice(from, 1);
        const at = top.node.entries.findIndex((e) => e.name === other);
        top.node.entries.splice(where === "before" ? at : at + 1, 0, entry!);
        return;
      }
      case "delete": {
        if (!top) return;
        top.node.entries = top.node.entries.filter((e) => e.name !== args[0]);
        return;
      }
      default:
        w.warn(line, "unparsed-line", `"${t.slice(0, 60)}" is not FortiOS configuration syntax; ignored`);
    }
  });
  if (stack.length > 0)
    w.warn(text.split(/\r?\n/).length, "unparsed-line", `config ${stack.at(-1)!.node.path} has no end line`);
  return roots;
}

export function setting(e: { settings: Map<string, Setting> }, key: string): string[] | undefined {
  return e.settings.get(key)?.values;
}

export function first(e: { settings: Map<string, Setting> }, key: string): string | undefined {
  return e.settings.get(key)?.values[0];
}
