import { deflateRawSync } from 'node:zlib';

/** One file of a Lambda deployment package. */
export interface ZipFile {
  name: string;
  data: Buffer;
}

/** CRC-32 (ISO-HDLC, the zip checksum); zlib.crc32 needs Node 20.15, and the project supports 20.6. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 1980-01-01 00:00 in MS-DOS date/time: the earliest a zip can say, so equal files make equal archives. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** "Version made by" UNIX (3), spec 2.0, so unzip tools and Lambda read the permissions below. */
const MADE_BY_UNIX = (3 << 8) | 20;
/** A regular file, rw-r--r--: Lambda needs every file of the package readable by all users. */
const FILE_MODE = (0o100644 << 16) >>> 0;

/**
 * A deflated zip archive (PKWARE APPNOTE 4.3: local headers, central directory, end record) of `files`, byte for byte
 * the same for the same files: no timestamps but 1980-01-01, entries in the given order. cdktf's ARCHIVE assets zip
 * through a child Node process per asset and stamp file times into the archive; this runs in-process.
 */
export function zipFiles(files: ZipFile[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const body = deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data);
    // Fields shared by the local header (from offset 4) and the central header (from offset 6).
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: 2.0 (deflate)
    common.writeUInt16LE(0x0800, 2); // bit 11: the name is UTF-8
    common.writeUInt16LE(8, 4); // deflate
    common.writeUInt16LE(0, 6); // time 00:00
    common.writeUInt16LE(DOS_DATE, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(body.length, 14);
    common.writeUInt32LE(file.data.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24); // no extra field
    const local = Buffer.concat([signature(0x04034b50), common, name, body]);
    const trailer = Buffer.alloc(14);
    trailer.writeUInt16LE(0, 0); // no comment
    trailer.writeUInt16LE(0, 2); // disk 0
    trailer.writeUInt16LE(0, 4); // internal attributes
    trailer.writeUInt32LE(FILE_MODE, 6);
    trailer.writeUInt32LE(offset, 10);
    const madeBy = Buffer.alloc(2);
    madeBy.writeUInt16LE(MADE_BY_UNIX, 0);
    central.push(signature(0x02014b50), madeBy, common, trailer, name);
    parts.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([...parts, directory, endRecord(files.length, directory.length, offset)]);
}

/** The end of central directory record (APPNOTE 4.3.16) of a single-disk archive, with the comment's length. */
export function endRecord(entries: number, directoryLength: number, directoryOffset: number, commentLength = 0): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directoryLength, 12);
  end.writeUInt32LE(directoryOffset, 16);
  end.writeUInt16LE(commentLength, 20);
  return end;
}

function signature(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value, 0);
  return buffer;
}
