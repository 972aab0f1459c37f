/** IPv4/IPv6 addresses and CIDR blocks for the IpAddress and NotIpAddress condition operators. */

export interface Cidr {
  readonly bytes: Uint8Array; // 4 bytes for IPv4, 16 for IPv6
  readonly prefix: number;
}

const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function parseIpv4(text: string): Uint8Array | undefined {
  const octets = text.split('.');
  if (octets.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!IPV4_OCTET.test(octets[i])) return undefined;
    const value = Number(octets[i]);
    if (value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

/** Accepts `::` compression and a dotted IPv4 tail (`::ffff:192.0.2.1`); zone ids are not addresses IAM sees. */
export function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const words: number[] = [];
  const expand = (groups: string[], allowIpv4Tail: boolean): boolean => {
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i];
      if (allowIpv4Tail && i === groups.length - 1 && group.includes('.')) {
        const v4 = parseIpv4(group);
        if (v4 === undefined) return false;
        words.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (IPV6_GROUP.test(group)) {
        words.push(parseInt(group, 16));
      } else {
        return false;
      }
    }
    return true;
  };
  if (!expand(head, halves.length === 1)) return undefined;
  const headWords = words.length;
  if (!expand(tail, true)) return undefined;
  const tailWords = words.splice(headWords);
  if (halves.length === 1) {
    if (words.length !== 8) return undefined;
  } else {
    if (words.length + tailWords.length > 7) return undefined;
    while (words.length + tailWords.length < 8) words.push(0);
  }
  words.push(...tailWords);
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

export function parseIp(text: string): Uint8Array | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

/**
 * "The value must be in the standard CIDR format ... If you specify an IP address without the associated
 * routing prefix, IAM uses the default prefix value of /32" (Condition operators, IP address condition
 * operators); for IPv6 the whole address, /128, is the equivalent.
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (bytes === undefined) return undefined;
  const maxPrefix = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: maxPrefix };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= maxPrefix ? { bytes, prefix } : undefined;
}

/** Families never match each other: an IPv4 block does not cover IPv6 addresses and vice versa. */
export function cidrContains(cidr: Cidr, address: Uint8Array): boolean {
  if (cidr.bytes.length !== address.length) return false;
  const fullBytes = cidr.prefix >> 3;
  for (let i = 0; i < fullBytes; i++) {
    if (cidr.bytes[i] !== address[i]) return false;
  }
  const remainingBits = cidr.prefix & 7;
  if (remainingBits === 0) return true;
  const mask = (0xff << (8 - remainingBits)) & 0xff;
  return (cidr.bytes[fullBytes] & mask) === (address[fullBytes] & mask);
}
