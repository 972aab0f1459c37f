import { STACKS } from '../../stacks/app';
import { synth } from '../support/synth';

/** Asset folders and zip hashes change with every bundler or handler edit; the rest of the stack must not drift. */
function maskAssetHashes(json: unknown): unknown {
  return JSON.parse(
    JSON.stringify(json).replace(/assets\/([A-Za-z0-9_-]+?)_[0-9A-F]{8}\/[0-9A-F]{32}\//g, 'assets/$1_<hash>/<hash>/'),
  );
}

test.each(Object.values(STACKS))('%s stack matches its regression snapshot', (stack) => {
  expect(maskAssetHashes(synth().stack(stack))).toMatchSnapshot();
});
