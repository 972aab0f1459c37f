import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkNodeVersion } from '../../bin/node-version';

const ROOT = resolve(__dirname, '..', '..');

function project(engines: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'engines-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', engines }));
  return dir;
}

test('npm start names the running Node and the project’s engines range', () => {
  expect(checkNodeVersion(ROOT, '20.20.2')).toBe('node 20.20.2 (package.json engines.node >=20.6)');
  expect(checkNodeVersion(ROOT, '22.1.0')).toBe('node 22.1.0 (package.json engines.node >=20.6)');
});

test.each([
  ['18.19.0', '>=20', 'node 18.19.0 is too old: package.json engines.node wants >=20; install Node.js 20.0.0 or newer'],
  ['20.9.9', '>=20.10', 'node 20.9.9 is too old: package.json engines.node wants >=20.10; install Node.js 20.10.0 or newer'],
  ['20.10.0', '>=20.10.1', 'node 20.10.0 is too old: package.json engines.node wants >=20.10.1; install Node.js 20.10.1 or newer'],
])('node %s against %s is refused plainly', (running, range, message) => {
  expect(() => checkNodeVersion(project({ node: range }), running)).toThrow(message);
});

test('a range it cannot read is said so, not guessed', () => {
  expect(() => checkNodeVersion(project({ node: '^20 || ^22' }), '20.1.0')).toThrow('package.json engines.node "^20 || ^22": only a ">=X.Y.Z" range is understood');
});
