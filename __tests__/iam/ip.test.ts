import { cidrContains, parseCidr, parseIp } from '../../access/iam/ip';

const bytes = (text: string) => Array.from(parseIp(text) ?? []);

// Rule (Condition operators, IP address): values are "an IPv4 or IPv6 address or range of IP addresses" in
// "the standard CIDR format"; "Some AWS services support IPv6, using :: to represent a range of 0s."
describe('IP parsing', () => {
  it('reads IPv4 dotted quads', () => {
    expect(bytes('203.0.113.7')).toEqual([203, 0, 113, 7]);
    for (const bad of ['203.0.113', '203.0.113.256', '203.0.113.07', '203.0.113.x', '1.2.3.4.5', '']) expect(parseIp(bad)).toBeUndefined();
  });

  it('reads IPv6 with :: compression and an IPv4 tail', () => {
    expect(bytes('::')).toEqual(new Array(16).fill(0));
    expect(bytes('::1')).toEqual([...new Array(15).fill(0), 1]);
    expect(bytes('2001:DB8::')).toEqual([0x20, 0x01, 0x0d, 0xb8, ...new Array(12).fill(0)]);
    expect(bytes('2001:db8:0:0:0:0:0:1')).toEqual(bytes('2001:db8::1'));
    expect(bytes('::ffff:192.0.2.1')).toEqual([...new Array(10).fill(0), 0xff, 0xff, 192, 0, 2, 1]);
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '12345::', ':1::', '1:2:3:4:5:6:7::8', 'fe80::1%eth0']) {
      expect(parseIp(bad)).toBeUndefined();
    }
  });

  it('takes an IPv4 tail only as the last 32 bits, and :: for one or more zero groups', () => {
    // RFC 4291 (IP Version 6 Addressing Architecture) section 2.2: the form x:x:x:x:x:x:d.d.d.d has the IPv4
    // address as "the four low-order 8-bit pieces of the address"; "The use of '::' indicates one or more groups of
    // 16 bits of zeros."
    expect(bytes('0:0:0:0:0:ffff:192.0.2.1')).toEqual(bytes('::ffff:192.0.2.1'));
    expect(bytes('1:2:3:4:5:6:7::')).toEqual(bytes('1:2:3:4:5:6:7:0'));
    for (const bad of ['192.0.2.1::', '::192.0.2.1:1', '::ffff:192.0.2.300', '1:192.0.2.1::']) expect(parseIp(bad)).toBeUndefined();
  });

  it('reads CIDR blocks, a bare address being the whole address', () => {
    // "If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32."
    expect(parseCidr('203.0.113.7')?.prefix).toBe(32);
    expect(parseCidr('2001:db8::1')?.prefix).toBe(128);
    expect(parseCidr('10.0.0.0/8')?.prefix).toBe(8);
    expect(parseCidr('203.0.113.7/32')?.prefix).toBe(32);
    expect(parseCidr('2001:db8::1/128')?.prefix).toBe(128);
    // "the standard CIDR format": address, slash, prefix length - nothing around the number.
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/x', '10.0.0.0/ 8', '10.0.0.0/8 ', '10.0.0.0/+8']) {
      expect(parseCidr(bad)).toBeUndefined();
    }
  });

  it('compares only the prefix bits, never across families', () => {
    const block = parseCidr('203.0.113.128/25')!;
    expect(cidrContains(block, parseIp('203.0.113.200')!)).toBe(true);
    expect(cidrContains(block, parseIp('203.0.113.127')!)).toBe(false);
    expect(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('::1')!)).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::/31')!, parseIp('2001:db9::1')!)).toBe(true);
    expect(cidrContains(parseCidr('2001:db8::/32')!, parseIp('2001:db9::1')!)).toBe(false);
  });
});
