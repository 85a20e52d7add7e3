/**
 * A structure-aware mutation for JSON targets: most byte mutations of JSON break its syntax and stop at
 * JSON.parse, so this one parses the input, changes one value (to an edge value, another type, a value found
 * elsewhere in the document, a dictionary word), deletes or repeats one, and writes the document back.
 */
import type { Prng } from "../src/synth/prng.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number };

const EDGE_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53,
  "",
  " ",
  "x".repeat(300),
  [],
  {},
  [null],
  { "": null },
];
const MAX_SLOTS = 20_000;

function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0 && out.length < MAX_SLOTS) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push({ parent: node, key: i });
        stack.push(v);
      });
    } else if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        out.push({ parent: node, key: k });
        stack.push(v);
      }
    }
  }
  return out;
}

function get(s: Slot): Json {
  return (s.parent as Record<string | number, Json>)[s.key]!;
}
function set(s: Slot, v: Json): void {
  (s.parent as Record<string | number, Json>)[s.key] = v;
}

function mutateString(s: string, rng: Prng, words: readonly string[]): string {
  const at = rng.int(s.length + 1);
  switch (rng.int(5)) {
    case 0:
      return s.slice(0, at);
    case 1:
      return s.slice(0, at) + rng.pick(words.length > 0 ? words : [" "]) + s.slice(at);
    case 2:
      return s.slice(0, at) + String.fromCharCode(rng.int(0x10000)) + s.slice(at + 1);
    case 3:
      return s.replace(/\d+/, () => rng.pick(["0", "-1", "99999999999", "4294967296", "1.2.3.4.5", ""]));
    default:
      return s.repeat(2);
  }
}

/** One structural change to the JSON text in `input`, or null when it does not parse. */
export function mutateJson(input: Uint8Array, rng: Prng, words: readonly string[] = []): Uint8Array | null {
  let root: Json;
  try {
    root = JSON.parse(new TextDecoder().decode(input)) as Json;
  } catch {
    return null;
  }
  const all = slots(root);
  if (all.length === 0) return null;
  const steps = 1 + rng.int(3);
  for (let i = 0; i < steps; i++) {
    const s = rng.pick(all);
    const value = get(s);
    switch (rng.int(7)) {
      case 0:
        set(s, rng.pick(EDGE_VALUES));
        break;
      case 1:
        set(s, structuredClone(get(rng.pick(all))));
        break;
      case 2:
        if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
        else delete s.parent[s.key as string];
        break;
      case 3:
        if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 0, structuredClone(value));
        else set(s, [value]);
        break;
      case 4:
        if (typeof value === "string") set(s, mutateString(value, rng, words));
        else if (typeof value === "number")
          set(s, rng.pick([value + 1, value - 1, -value, value * 65536, 0.1]));
        else set(s, words.length > 0 ? rng.pick(words) : null);
        break;
      case 5:
        if (!Array.isArray(s.parent) && words.length > 0) {
          delete s.parent[s.key as string];
          s.parent[rng.pick(words)] = value;
        }
        break;
      default:
        set(s, typeof value === "string" ? Number(value.replace(/\D/g, "") || "0") : JSON.stringify(value));
    }
  }
  return new TextEncoder().encode(JSON.stringify(root, null, rng.chance(0.5) ? 1 : undefined));
}
