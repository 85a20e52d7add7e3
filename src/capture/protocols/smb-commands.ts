/** SMB command names and what they do, for requests: SMB2 (MS-SMB2 2.2.1) and the common SMB1 ones (MS-CIFS 2.2.2.1). */
import type { OperationCategory } from "../../model/capture.js";

export const SMB2_COMMANDS: readonly [string, OperationCategory][] = [
  ["NEGOTIATE", "session"],
  ["SESSION_SETUP", "session"],
  ["LOGOFF", "session"],
  ["TREE_CONNECT", "session"],
  ["TREE_DISCONNECT", "session"],
  ["CREATE", "read"],
  ["CLOSE", "session"],
  ["FLUSH", "write"],
  ["READ", "read"],
  ["WRITE", "write"],
  ["LOCK", "session"],
  ["IOCTL", "control"],
  ["CANCEL", "session"],
  ["ECHO", "diagnostic"],
  ["QUERY_DIRECTORY", "read"],
  ["CHANGE_NOTIFY", "read"],
  ["QUERY_INFO", "read"],
  ["SET_INFO", "write"],
  ["OPLOCK_BREAK", "session"],
];

export const SMB1_COMMANDS: ReadonlyMap<number, [string, OperationCategory]> = new Map([
  [0x04, ["SMB1 CLOSE", "session"]],
  [0x06, ["SMB1 DELETE", "write"]],
  [0x07, ["SMB1 RENAME", "write"]],
  [0x25, ["SMB1 TRANSACTION", "control"]],
  [0x2b, ["SMB1 ECHO", "diagnostic"]],
  [0x2e, ["SMB1 READ_ANDX", "read"]],
  [0x2f, ["SMB1 WRITE_ANDX", "write"]],
  [0x32, ["SMB1 TRANSACTION2", "read"]],
  [0x71, ["SMB1 TREE_DISCONNECT", "session"]],
  [0x72, ["SMB1 NEGOTIATE", "session"]],
  [0x73, ["SMB1 SESSION_SETUP_ANDX", "session"]],
  [0x74, ["SMB1 LOGOFF_ANDX", "session"]],
  [0x75, ["SMB1 TREE_CONNECT_ANDX", "session"]],
  [0xa0, ["SMB1 NT_TRANSACT", "control"]],
  [0xa2, ["SMB1 NT_CREATE_ANDX", "read"]],
]);

export const SMB2_DIALECTS: Record<number, string> = {
  514: "SMB 2.0.2",
  528: "SMB 2.1",
  768: "SMB 3.0",
  770: "SMB 3.0.2",
  785: "SMB 3.1.1",
};
