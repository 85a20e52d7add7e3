import assert from "node:assert/strict";
import { test } from "node:test";
import { readFrames, tcpPayload } from "../test-frames.js";
import { dnpCrc, linkFrame } from "./dnp3.js";

test("DNP3 link frames from a real capture carry exactly the CRCs and framing we compute", async () => {
  const frames = await readFrames("test/corpus/captures/dnp3/zeek__dnp3/dnp3.pcap");
  let checked = 0;
  for (const f of frames) {
    const { start, end } = tcpPayload(f);
    const link = f.subarray(start, end);
    if (link.length < 10 || link[0] !== 0x05 || link[1] !== 0x64) continue;
    // Strip the CRCs to get the user data back, then rebuild the frame with our builder.
    const user: number[] = [];
    for (let o = 10; o < link.length; o += 18) {
      const block = link.subarray(o, Math.min(link.length - 2, o + 16));
      assert.equal(
        dnpCrc(link, o, o + block.length),
        link[o + block.length] | (link[o + block.length + 1] << 8),
      );
      user.push(...block);
    }
    assert.equal(dnpCrc(link, 0, 8), link[8] | (link[9] << 8));
    const rebuilt = linkFrame(
      link[3],
      link[4] | (link[5] << 8),
      link[6] | (link[7] << 8),
      Uint8Array.from(user),
    );
    assert.deepEqual(rebuilt, link);
    checked++;
  }
  assert.ok(checked >= 50, `${checked} DNP3 frames checked`);
});
