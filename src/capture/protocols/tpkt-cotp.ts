/**
 * ISO transport on TCP (RFC 1006): TPKT frames carrying COTP class 0 TPDUs (ISO 8073). Shared outer framing of
 * the protocols on TCP 102 (S7comm, S7comm-plus): it cuts TPKT frames, skips connection management TPDUs
 * (CR, CC, DR, DC, ER), joins DT segments up to the end-of-TSDU mark, and hands each whole TSDU to the
 * inner dissector's handler. A TSDU carried by one DT (the usual case) is handed over as a view, uncopied.
 */
import { u16be } from "../bytes.js";
import type { Direction, DissectorSink } from "../dissector.js";

const TPKT_VERSION = 3;
const TPKT_HEADER = 4;
/** TPKT header, COTP length indicator, and the shortest TPDU (DT class 0: type + TPDU-NR). */
const MIN_FRAME = TPKT_HEADER + 3;

export const COTP_CR = 0xe0;
export const COTP_CC = 0xd0;
export const COTP_DR = 0x80;
export const COTP_DC = 0xc0;
export const COTP_ER = 0x70;
export const COTP_DT = 0xf0;
const EOT = 0x80;

/** Handles one whole TSDU `b[start, end)`. A plain function, so that no closure is allocated per call. */
export type TsduHandler<S> = (
  inner: S,
  dir: Direction,
  b: Uint8Array,
  start: number,
  end: number,
  sink: DissectorSink,
) => void;

interface Segments {
  buf: Uint8Array | null;
  len: number;
  /** The TSDU being joined outgrew the cap; its remaining segments are dropped up to the end mark. */
  dropping: boolean;
}

export interface TpktCotpState {
  segments: [Segments, Segments];
  /** A gap or garbage: look for the next plausible TPKT header before cutting frames again. */
  resync: [boolean, boolean];
}

export function newTpktCotpState(): TpktCotpState {
  return {
    segments: [
      { buf: null, len: 0, dropping: false },
      { buf: null, len: 0, dropping: false },
    ],
    resync: [false, false],
  };
}

function isCotpType(t: number): boolean {
  return t === COTP_DT || t === COTP_CR || t === COTP_CC || t === COTP_DR || t === COTP_DC || t === COTP_ER;
}

/** A plausible TPKT + COTP header at `o`: -1 too few bytes to tell, 0 no, 1 yes. */
function plausibleFrame(b: Uint8Array, o: number): -1 | 0 | 1 {
  if (b.length - o < TPKT_HEADER + 2) return -1;
  if (b[o] !== TPKT_VERSION || b[o + 1] !== 0) return 0;
  const len = u16be(b, o + 2);
  const li = b[o + 4];
  if (len < MIN_FRAME || li < 2 || li > len - TPKT_HEADER - 1) return 0;
  return isCotpType(b[o + 5] & 0xf0) ? 1 : 0;
}

/**
 * The first byte of the first DT payload in `data` (the inner protocol id: 0x32 S7comm, 0x72 S7comm-plus),
 * skipping connection management TPDUs; "needMore" when the bytes end before it, "reject" when not TPKT/COTP.
 */
export function firstTsduByte(data: Uint8Array): number | "needMore" | "reject" {
  let o = 0;
  for (;;) {
    const ok = plausibleFrame(data, o);
    if (ok === 0) return "reject";
    if (ok === -1) {
      const wrong =
        (data.length > o && data[o] !== TPKT_VERSION) || (data.length > o + 1 && data[o + 1] !== 0);
      return wrong ? "reject" : "needMore";
    }
    const len = u16be(data, o + 2);
    if ((data[o + 5] & 0xf0) === COTP_DT) {
      const payload = o + TPKT_HEADER + 1 + data[o + 4];
      if (payload >= o + len) return "reject";
      return payload < data.length ? data[payload] : "needMore";
    }
    o += len;
  }
}

/** After a gap or garbage: offset of the next plausible frame, or of the last bytes that might start one. */
function findFrame(b: Uint8Array, from: number): number {
  for (let o = from; o + TPKT_HEADER + 2 <= b.length; o++) if (plausibleFrame(b, o) === 1) return o;
  return Math.max(from, b.length - TPKT_HEADER - 1);
}

/**
 * Cuts the TPKT frames of `data` (one direction's ordered bytes) and calls `onTsdu` for each whole TSDU.
 * Returns the bytes consumed (whole frames only); garbage is skipped up to the next plausible frame with one
 * anomaly. `maxTsdu` caps the bytes joined from DT segments.
 */
export function parseTpktCotp<S>(
  framing: TpktCotpState,
  inner: S,
  dir: Direction,
  data: Uint8Array,
  sink: DissectorSink,
  onTsdu: TsduHandler<S>,
  maxTsdu: number,
): number {
  let o = 0;
  for (;;) {
    if (framing.resync[dir]) {
      o = findFrame(data, o);
      if (plausibleFrame(data, o) !== 1) return o;
      framing.resync[dir] = false;
    }
    const ok = plausibleFrame(data, o);
    if (ok === -1) return o;
    if (ok === 0) {
      sink.anomaly("bad-tpkt", `no TPKT/COTP header (bytes ${data[o]}, ${data[o + 1]}); resynchronising`);
      framing.resync[dir] = true;
      dropSegments(framing.segments[dir]);
      continue;
    }
    const len = u16be(data, o + 2);
    if (o + len > data.length) return o;
    if ((data[o + 5] & 0xf0) === COTP_DT)
      onDataTpdu(framing.segments[dir], inner, dir, data, o, len, sink, onTsdu, maxTsdu);
    o += len;
  }
}

function onDataTpdu<S>(
  seg: Segments,
  inner: S,
  dir: Direction,
  b: Uint8Array,
  o: number,
  len: number,
  sink: DissectorSink,
  onTsdu: TsduHandler<S>,
  maxTsdu: number,
): void {
  const li = b[o + 4];
  // Class 0 DT: length indicator 2 (type, TPDU-NR with the end-of-TSDU bit).
  const last = (b[o + 6] & EOT) !== 0;
  const start = o + TPKT_HEADER + 1 + li;
  const end = o + len;
  if (last && seg.len === 0 && !seg.dropping) {
    if (end > start) onTsdu(inner, dir, b, start, end, sink);
    return;
  }
  if (!seg.dropping) {
    const need = seg.len + end - start;
    if (need > maxTsdu) {
      sink.anomaly("tsdu-too-large", `COTP segments exceed ${maxTsdu} bytes; TSDU dropped`);
      seg.dropping = true;
      seg.len = 0;
    } else {
      if (!seg.buf || seg.buf.length < need) {
        const grown = new Uint8Array(Math.min(maxTsdu, Math.max(need, 2 * (seg.buf?.length ?? 1024))));
        if (seg.buf) grown.set(seg.buf.subarray(0, seg.len));
        seg.buf = grown;
      }
      seg.buf.set(b.subarray(start, end), seg.len);
      seg.len = need;
    }
  }
  if (!last) return;
  if (!seg.dropping && seg.len > 0) onTsdu(inner, dir, seg.buf as Uint8Array, 0, seg.len, sink);
  dropSegments(seg);
}

function dropSegments(seg: Segments): void {
  seg.len = 0;
  seg.dropping = false;
}

/** A gap: the segments being joined lost bytes, and the next bytes may start mid-frame. */
export function tpktCotpGap(framing: TpktCotpState, dir: Direction): void {
  dropSegments(framing.segments[dir]);
  framing.resync[dir] = true;
}
