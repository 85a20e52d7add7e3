/** libpcap LINKTYPE_ values the decoder understands, and their libpcap names (as `tcpdump -L` prints them). */
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW_12 = 12;
export const LINKTYPE_RAW_14 = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

const NAMES: Record<number, string> = {
  [LINKTYPE_NULL]: "NULL",
  [LINKTYPE_ETHERNET]: "EN10MB",
  [LINKTYPE_RAW_12]: "RAW",
  [LINKTYPE_RAW_14]: "RAW",
  [LINKTYPE_RAW]: "RAW",
  [LINKTYPE_LOOP]: "LOOP",
  [LINKTYPE_LINUX_SLL]: "LINUX_SLL",
  [LINKTYPE_IPV4]: "IPV4",
  [LINKTYPE_IPV6]: "IPV6",
  [LINKTYPE_LINUX_SLL2]: "LINUX_SLL2",
};

export function linkTypeName(linkType: number): string {
  return NAMES[linkType] ?? `LINKTYPE_${linkType}`;
}

export function isDecodedLinkType(linkType: number): boolean {
  return linkType in NAMES;
}
