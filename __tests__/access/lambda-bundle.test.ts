import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHandler, readZipEntry } from '../../access/lambda-bundle';
import { zip } from '../support/zip';

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
