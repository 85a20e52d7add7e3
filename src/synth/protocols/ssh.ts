/** SSH transport (RFC 4253): the identification banner and the binary KEXINIT packet that follows it. */
import { ByteWriter } from "../byte-writer.js";

export const banner = (software: string): Uint8Array =>
  new ByteWriter(32).ascii(`SSH-2.0-${software}\r\n`).bytes();

const NAME_LISTS = [
  "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,diffie-hellman-group14-sha256,ext-info-c",
  "ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
  "chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
  "chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
  "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256",
  "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256",
  "none,zlib@openssh.com",
  "none,zlib@openssh.com",
  "",
  "",
];

/** An unencrypted binary packet: length, padding length, payload, padding to a multiple of 8 bytes. */
export function binaryPacket(payload: Uint8Array, padding: Uint8Array): Uint8Array {
  let pad = 8 - ((5 + payload.length) % 8);
  if (pad < 4) pad += 8;
  return new ByteWriter(9 + payload.length + pad)
    .u32(1 + payload.length + pad)
    .u8(pad)
    .raw(payload)
    .raw(padding.subarray(0, pad))
    .bytes();
}

/** SSH_MSG_KEXINIT with a 16-byte cookie and OpenSSH's algorithm lists. */
export function kexInit(cookie: Uint8Array, padding: Uint8Array): Uint8Array {
  const payload = new ByteWriter(1024).u8(20).raw(cookie);
  for (const list of NAME_LISTS) payload.u32(list.length).ascii(list);
  payload.u8(0).u32(0);
  return binaryPacket(payload.bytes(), padding);
}

function sshString(w: ByteWriter, b: Uint8Array): void {
  w.u32(b.length).raw(b);
}

/** SSH_MSG_KEX_ECDH_INIT (30) with the client's 32-byte curve25519 key. */
export function ecdhInit(clientKey: Uint8Array, padding: Uint8Array): Uint8Array {
  const w = new ByteWriter(40).u8(30);
  sshString(w, clientKey);
  return binaryPacket(w.bytes(), padding);
}

/**
 * SSH_MSG_KEX_ECDH_REPLY (31) with a 2048-bit RSA host key (`modulus`, 256 bytes) and an ssh-rsa
 * signature (256 bytes), as Cisco IOS presents them; then SSH_MSG_NEWKEYS.
 */
export function ecdhReply(
  modulus: Uint8Array,
  serverKey: Uint8Array,
  signature: Uint8Array,
  padding: Uint8Array,
) {
  const key = new ByteWriter(300);
  sshString(key, new ByteWriter(7).ascii("ssh-rsa").bytes());
  sshString(key, Uint8Array.of(0x01, 0x00, 0x01)); // mpint e = 65537
  const n = new Uint8Array(257);
  n.set(modulus, 1);
  n[1] |= 0x80;
  sshString(key, n); // mpint n: leading zero because the top bit is set
  const sig = new ByteWriter(300);
  sshString(sig, new ByteWriter(7).ascii("ssh-rsa").bytes());
  sshString(sig, signature);
  const w = new ByteWriter(700).u8(31);
  sshString(w, key.bytes());
  sshString(w, serverKey);
  sshString(w, sig.bytes());
  const reply = binaryPacket(w.bytes(), padding);
  const newKeys = newKeysPacket(padding);
  const out = new Uint8Array(reply.length + newKeys.length);
  out.set(reply);
  out.set(newKeys, reply.length);
  return out;
}

export const newKeysPacket = (padding: Uint8Array): Uint8Array => binaryPacket(Uint8Array.of(21), padding);
