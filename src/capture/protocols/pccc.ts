/**
 * PCCC (the Allen-Bradley DF1 command set) carried by the CIP service Execute PCCC (0x4B on class 0x67).
 * A PCCC request is CMD, STS, TNS (2 bytes) and, for the command groups that have one, a function code FNC.
 * The operation code of a PCCC command is `0x20000 | CMD << 8 | FNC` (FNC 0 when the group has none), so it never
 * collides with a CIP service code or with the encapsulation codes of enip.ts.
 */
import type { OperationCategory } from "../../model/capture.js";

export const PCCC_CODE_BASE = 0x20000;

interface PcccCommand {
  name: string;
  category: OperationCategory;
}

/** CMD 0x0F functions (protected typed commands of SLC 500, MicroLogix and PLC-5) keyed by FNC. */
const CMD_0F: ReadonlyMap<number, PcccCommand> = new Map([
  [0x00, { name: "PCCC Word Range Write", category: "write" }],
  [0x01, { name: "PCCC Word Range Read", category: "read" }],
  [0x67, { name: "PCCC Typed Write", category: "write" }],
  [0x68, { name: "PCCC Typed Read", category: "read" }],
  [0x80, { name: "PCCC Change Mode", category: "control" }],
  [0xa1, { name: "PCCC Protected Typed Logical Read (2 address fields)", category: "read" }],
  [0xa2, { name: "PCCC Protected Typed Logical Read (3 address fields)", category: "read" }],
  [0xa9, { name: "PCCC Protected Typed Logical Write (2 address fields)", category: "write" }],
  [0xaa, { name: "PCCC Protected Typed Logical Write (3 address fields)", category: "write" }],
  [0xab, { name: "PCCC Protected Typed Logical Masked Write", category: "write" }],
]);

const DIAGNOSTIC_STATUS: PcccCommand = { name: "PCCC Diagnostic Status", category: "identify" };

/** Command groups that carry a function code after TNS. */
function hasFunction(cmd: number): boolean {
  return cmd === 0x0f || cmd === 0x06 || cmd === 0x07;
}

/** Offset of the first byte after the PCCC command header starting at `o`, or -1 when it does not fit before `end`. */
export function pcccHeaderEnd(b: Uint8Array, o: number, end: number): number {
  if (o + 4 > end) return -1;
  const n = hasFunction(b[o]) ? 5 : 4;
  return o + n <= end ? o + n : -1;
}

export function pcccCode(b: Uint8Array, o: number): number {
  const cmd = b[o];
  return PCCC_CODE_BASE | (cmd << 8) | (hasFunction(cmd) ? b[o + 4] : 0);
}

/** Name and category of a PCCC command; commands we cannot classify are `diagnostic` with their numbers as name. */
export function pcccCommand(code: number): PcccCommand {
  const cmd = (code >> 8) & 0xff;
  const fnc = code & 0xff;
  if (cmd === 0x0f) {
    const known = CMD_0F.get(fnc);
    if (known) return known;
  }
  if (cmd === 0x06 && fnc === 0x03) return DIAGNOSTIC_STATUS;
  return { name: `PCCC CMD 0x${hex2(cmd)} FNC 0x${hex2(fnc)}`, category: "diagnostic" };
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
