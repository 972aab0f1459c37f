import { crc32, deflateRawSync } from 'node:zlib';
import { endRecord } from '../../stacks/constructs/lambda-zip';

export interface ZipEntry {
  name: string;
  data: string;
  /** 0 stored, 8 deflated (the two methods zip tools write), anything else to test refusal. */
  method?: number;
  /** General purpose bit 3: sizes and CRC are zero in the local header and follow the data in a descriptor. */
  descriptor?: boolean;
  /** An extra field only in the local header, so local and central header lengths differ. */
  localExtra?: Buffer;
}

/**
 * Builds a zip archive per PKWARE APPNOTE: local headers + data (+ descriptor), central directory, end record. Unlike
 * the deployment packages (stacks/constructs/lambda-zip.ts), it can write the shapes other zip tools write.
 */
export function zip(entries: ZipEntry[], comment = ''): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.from(entry.data);
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const crc = crc32(raw);
    const name = Buffer.from(entry.name);
    const extra = entry.localExtra ?? Buffer.alloc(0);
    const flags = entry.descriptor ? 0x08 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(entry.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(entry.descriptor ? 0 : body.length, 18);
    local.writeUInt32LE(entry.descriptor ? 0 : raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const descriptor = Buffer.alloc(entry.descriptor ? 16 : 0);
    if (entry.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(raw.length, 12);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(raw.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, extra, body, descriptor);
    central.push(header, name);
    offset += 30 + name.length + extra.length + body.length + descriptor.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...parts, directory, endRecord(entries.length, directory.length, offset, Buffer.byteLength(comment)), Buffer.from(comment)]);
}
