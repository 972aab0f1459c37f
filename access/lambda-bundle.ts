import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * Extracts one file from a zip archive (the Lambda asset cdktf wrote). Reads the central directory, so it
 * handles archives whose local headers defer sizes to a data descriptor.
 */
export function readZipEntry(zip: Buffer, entryName: string, source: string): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${source}: not a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${source}: corrupt central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === entryName) {
      const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${source}: ${entryName} uses unsupported compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${source}: no ${entryName} in the archive`);
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** Handlers already loaded, by zip and handler string: like a warm Lambda, each zip is read and unpacked once (cdktf asset paths carry a content hash, so new code means a new path). */
const loaded = new Map<string, Handler>();

/** Loads the handler (`file.export`) from a built Lambda zip, as the Node.js runtime would. */
export function loadHandler(zipPath: string, handler: string): Handler {
  const key = `${zipPath}\u0000${handler}`;
  const warm = loaded.get(key);
  if (warm) return warm;
  const [file, exported] = handler.split('.') as [string, string];
  const zip = readFileSync(zipPath);
  const dir = join(tmpdir(), 'access-sim-bundles', createHash('sha256').update(zip).digest('hex').slice(0, 16));
  const path = join(dir, `${file}.js`);
  // A handler may live in a folder of the bundle ("src/app.main"): create that folder too.
  mkdirSync(dirname(path), { recursive: true });
  // The folder is keyed by the zip's hash, so an existing file is already right; write-then-rename keeps two
  // test workers from ever reading a half-written file.
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, readZipEntry(zip, `${file}.js`, zipPath));
    renameSync(partial, path);
  }
  // The Node.js Lambda runtime loads a CommonJS handler with require, so the simulator does too.
  const module = require(path) as Record<string, unknown>;
  const fn = module[exported];
  if (typeof fn !== 'function') throw new Error(`${zipPath}: ${file}.js does not export a function "${exported}"`);
  loaded.set(key, fn as Handler);
  return fn as Handler;
}
