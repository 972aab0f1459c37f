import { readZipEntry } from '../../access/lambda-bundle';
import { crc32, zipFiles } from '../../stacks/constructs/lambda-zip';

const JS = Buffer.from('exports.handler = async () => ({ statusCode: 200, body: "Hello user" });\n');

test('crc32 is the zip checksum (CRC-32/ISO-HDLC): its check value for "123456789" is 0xCBF43926', () => {
  expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  expect(crc32(Buffer.alloc(0))).toBe(0);
});

test('zipFiles writes a deflated archive that a central-directory reader unpacks, each file by its name', () => {
  const archive = zipFiles([
    { name: 'index.js', data: JS },
    { name: 'lib/util.js', data: Buffer.from('module.exports = 1;\n') },
  ]);
  expect(readZipEntry(archive, 'index.js', 'a.zip')).toEqual(JS);
  expect(readZipEntry(archive, 'lib/util.js', 'a.zip').toString()).toBe('module.exports = 1;\n');
  // APPNOTE 4.3.7: local header signature, version needed 2.0, UTF-8 name flag (bit 11), method 8 (deflate).
  expect([archive.readUInt32LE(0), archive.readUInt16LE(4), archive.readUInt16LE(6), archive.readUInt16LE(8)]).toEqual([0x04034b50, 20, 0x0800, 8]);
  expect(archive.readUInt32LE(14)).toBe(crc32(JS));
  expect(archive.readUInt32LE(22)).toBe(JS.length);
});

test('the same files make the same bytes: no clock in the archive, only 1980-01-01 00:00', () => {
  const first = zipFiles([{ name: 'index.js', data: JS }]);
  expect(zipFiles([{ name: 'index.js', data: JS }]).equals(first)).toBe(true);
  // MS-DOS date: (year - 1980) << 9 | month << 5 | day; time 0.
  expect([first.readUInt16LE(10), first.readUInt16LE(12)]).toEqual([0, (1 << 5) | 1]);
  expect(zipFiles([{ name: 'index.js', data: Buffer.concat([JS, Buffer.from(' ')]) }]).equals(first)).toBe(false);
});

test('the central directory says UNIX and rw-r--r--: Lambda needs every file of the package readable by all users', () => {
  const archive = zipFiles([{ name: 'index.js', data: JS }]);
  const directory = archive.readUInt32LE(archive.length - 22 + 16);
  expect(archive.readUInt32LE(directory)).toBe(0x02014b50);
  expect(archive.readUInt16LE(directory + 4) >> 8).toBe(3); // version made by: host system 3 = UNIX
  expect((archive.readUInt32LE(directory + 38) >>> 16).toString(8)).toBe('100644'); // external attributes: regular file, 0644
  expect(archive.readUInt32LE(directory + 42)).toBe(0); // the one local header starts the archive
  // End record: one entry on this disk and in total.
  expect([archive.readUInt16LE(archive.length - 22 + 8), archive.readUInt16LE(archive.length - 22 + 10)]).toEqual([1, 1]);
});
