import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { loadHandler, readZipEntry } from '../../access/lambda-bundle';

interface Entry {
  name: string;
  data: string;
  /** 0 stored, 8 deflated (the two methods zip tools write), anything else to test refusal. */
  method?: number;
  /** General purpose bit 3: sizes and CRC are zero in the local header and follow the data in a descriptor. */
  descriptor?: boolean;
  /** An extra field only in the local header, so local and central header lengths differ. */
  localExtra?: Buffer;
}

/** Builds a zip archive per PKWARE APPNOTE: local headers + data (+ descriptor), central directory, end record. */
function zip(entries: Entry[], comment = ''): Buffer {
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
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...parts, directory, end, Buffer.from(comment)]);
}

const JS = 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ echo: event }) });\n';

describe('readZipEntry', () => {
  test('reads a stored entry and a deflated one, each by exact name', () => {
    const archive = zip([
      { name: 'README.md', data: 'not this', method: 0 },
      { name: 'index.js', data: JS, method: 8 },
      { name: 'lib/index.js', data: 'nested', method: 0 },
    ]);
    expect(readZipEntry(archive, 'index.js', 'a.zip').toString()).toBe(JS);
    expect(readZipEntry(archive, 'README.md', 'a.zip').toString()).toBe('not this');
    expect(readZipEntry(archive, 'lib/index.js', 'a.zip').toString()).toBe('nested');
  });

  test('sizes deferred to a data descriptor and a local-only extra field: read from the central directory', () => {
    // APPNOTE 4.4.4: with bit 3 set, the local header's CRC and sizes are zero; the central directory has them.
    // This is how cdktf's archives are written.
    const archive = zip([
      { name: 'a.txt', data: 'first entry', descriptor: true },
      { name: 'index.js', data: JS, descriptor: true, localExtra: Buffer.from('UT\x05\x00\x01abcd', 'latin1') },
    ]);
    expect(readZipEntry(archive, 'index.js', 'd.zip').toString()).toBe(JS);
  });

  test('an archive comment does not hide the end record', () => {
    expect(readZipEntry(zip([{ name: 'index.js', data: JS }], 'built by hand'), 'index.js', 'c.zip').toString()).toBe(JS);
  });

  test('refusals name the archive and say what is wrong', () => {
    expect(() => readZipEntry(Buffer.from('plain text, no zip'), 'index.js', 'bad.zip')).toThrow(new Error('bad.zip: not a zip archive'));
    expect(() => readZipEntry(zip([{ name: 'main.js', data: JS }]), 'index.js', 'other.zip')).toThrow(
      new Error('other.zip: no index.js in the archive'),
    );
    expect(() => readZipEntry(zip([{ name: 'index.js', data: JS, method: 12 }]), 'index.js', 'bzip.zip')).toThrow(
      new Error('bzip.zip: index.js uses unsupported compression method 12'),
    );
    const corrupt = zip([{ name: 'index.js', data: JS }]);
    corrupt.writeUInt32LE(0xdeadbeef, corrupt.readUInt32LE(corrupt.length - 22 + 16));
    expect(() => readZipEntry(corrupt, 'index.js', 'corrupt.zip')).toThrow(new Error('corrupt.zip: corrupt central directory'));
  });
});

describe('loadHandler: the runtime’s "file.export" handler string', () => {
  const write = (archive: Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'archive.zip');
    writeFileSync(path, archive);
    return path;
  };

  test('index.handler loads index.js from the zip and returns its exported function', async () => {
    const handler = loadHandler(write(zip([{ name: 'index.js', data: JS, descriptor: true }])), 'index.handler');
    await expect(handler({ path: '/x' }, {})).resolves.toEqual({ statusCode: 200, body: '{"echo":{"path":"/x"}}' });
  });

  test('two bundles with the same file name do not see each other’s code', async () => {
    const one = loadHandler(write(zip([{ name: 'index.js', data: 'exports.handler = async () => 1;' }])), 'index.handler');
    const two = loadHandler(write(zip([{ name: 'index.js', data: 'exports.handler = async () => 2;' }])), 'index.handler');
    await expect(one({}, {})).resolves.toBe(1);
    await expect(two({}, {})).resolves.toBe(2);
  });

  test('a handler in a subfolder of the bundle (src/app.main) loads', async () => {
    // Lambda handler strings may name a module in a folder: "src/app.main" is export main of src/app.js.
    const archive = zip([{ name: 'src/app.js', data: 'exports.main = async () => "from src";' }]);
    await expect(loadHandler(write(archive), 'src/app.main')({}, {})).resolves.toBe('from src');
  });

  test('an export that is missing or not a function → error naming the zip, file and export', () => {
    const path = write(zip([{ name: 'index.js', data: 'exports.handler = 42; exports.other = async () => 0;' }]));
    expect(() => loadHandler(path, 'index.handler')).toThrow(new Error(`${path}: index.js does not export a function "handler"`));
    expect(() => loadHandler(path, 'index.missing')).toThrow(new Error(`${path}: index.js does not export a function "missing"`));
  });

  test('a handler file the zip does not have → the zip reader’s error', () => {
    const path = write(zip([{ name: 'index.js', data: JS }]));
    expect(() => loadHandler(path, 'main.handler')).toThrow(new Error(`${path}: no main.js in the archive`));
  });
});
