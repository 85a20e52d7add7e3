/** Builds DNS wire messages for tests (RFC 1035 4.1): uncompressed names, records given as type and RDATA. */

export interface BuiltRecord {
  name: string;
  type: number;
  rdata: Uint8Array | number[];
}

export function wireName(name: string): number[] {
  const out: number[] = [];
  for (const label of name.split(".").filter((l) => l !== "")) {
    out.push(label.length, ...Array.from(label, (c) => c.charCodeAt(0)));
  }
  out.push(0);
  return out;
}

export function dnsMessage(opts: {
  id?: number;
  flags: number;
  question?: { name: string; type: number };
  answers?: BuiltRecord[];
  authority?: BuiltRecord[];
  additional?: BuiltRecord[];
}): Uint8Array {
  const sections = [opts.answers ?? [], opts.authority ?? [], opts.additional ?? []];
  const id = opts.id ?? 0x1234;
  const out: number[] = [id >> 8, id & 0xff, opts.flags >> 8, opts.flags & 0xff, 0, opts.question ? 1 : 0];
  for (const s of sections) out.push(s.length >> 8, s.length & 0xff);
  if (opts.question) out.push(...wireName(opts.question.name), 0, opts.question.type, 0, 1);
  for (const s of sections) {
    for (const r of s) {
      const rdata = Array.from(r.rdata);
      out.push(
        ...wireName(r.name),
        r.type >> 8,
        r.type & 0xff,
        0,
        1,
        0,
        0,
        0,
        60,
        rdata.length >> 8,
        rdata.length & 0xff,
      );
      out.push(...rdata);
    }
  }
  return Uint8Array.from(out);
}
