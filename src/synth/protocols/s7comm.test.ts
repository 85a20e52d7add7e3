import assert from "node:assert/strict";
import { test } from "node:test";
import { readFrames, tcpPayload } from "../test-frames.js";
import * as s7 from "./s7comm.js";
import { isoOnTcp } from "./tpkt.js";

/** The TPKT payloads of the snap7 capture (a real S7-300 session), by Wireshark frame number. */
async function snap7(): Promise<Map<number, Uint8Array>> {
  const frames = await readFrames("test/corpus/captures/s7comm/s7comm__snap7/snap7.pcap");
  return new Map(
    frames.map((f, i) => {
      const { start, end } = tcpPayload(f);
      return [i + 1, f.subarray(start, end)];
    }),
  );
}

test("setup communication, SZL 0x0011, write/read var and PLC stop match a real session byte for byte", async () => {
  const real = await snap7();
  assert.deepEqual(isoOnTcp(s7.job(0, s7.setupCommunication(480))), real.get(1));
  assert.deepEqual(isoOnTcp(s7.ackData(0, s7.setupCommunication(240))), real.get(2));
  assert.deepEqual(isoOnTcp(s7.szlRequest(256, 0, 0x0011, 0x0000)), real.get(3));
  const records = [
    s7.moduleIdRecord(0x0001, "6ES7 315-2EH14-0AB0 ", 0x00c0, 3, 1),
    s7.moduleIdRecord(0x0006, "6ES7 315-2EH14-0AB0 ", 0x00c0, 3, 1),
    s7.moduleIdRecord(0x0007, "", 0x00c0, 0x5603, 0x0207),
    s7.moduleIdRecord(0x0081, "Boot Loader", 0x0000, 0x4120, 0x0909),
  ];
  assert.deepEqual(isoOnTcp(s7.szlResponse(256, 2, 0x0011, 0x0000, records)), real.get(4));
  const item: s7.S7Item = { area: s7.AREA_FLAGS, db: 0, start: 16, count: 1, transport: s7.TS_REAL };
  assert.deepEqual(isoOnTcp(s7.job(6400, s7.readVarParam([item]))), real.get(51));
  assert.deepEqual(
    isoOnTcp(s7.ackData(6144, s7.varAckParam(s7.S7_WRITE_VAR, 1), s7.writeVarAckData())),
    real.get(50),
  );
  assert.deepEqual(isoOnTcp(s7.job(7168, s7.plcStopParam())), real.get(57));
});

test("the firmware record says V4.2.1 the way a CPU encodes it", () => {
  const r = s7.firmwareRecord(4, 2, 1);
  assert.deepEqual([...r.subarray(24, 28)], [0x56, 0x04, 0x02, 0x01]);
  assert.equal(r.length, 28);
});

test("block download parameters follow the layout of a PG's request download", () => {
  const p = s7.requestDownloadParam(s7.blockFileName("OB", 1), 1276, 1240);
  assert.equal(Buffer.from(p.subarray(9, 18)).toString("latin1"), "_0800001P");
  assert.equal(Buffer.from(p.subarray(18)).toString("latin1"), "\x0d1001276001240");
  assert.equal(p.length, 32);
});
