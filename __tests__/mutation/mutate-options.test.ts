import { PROJECT_ROOT } from '../../access/synth-cache';
import { splitMutateOptions } from '../../mutation/mutate-options';

const refusal = (args: string[]): string => {
  try {
    splitMutateOptions(args, PROJECT_ROOT);
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
};

test("bin/mutate.ts's own options come out of the arguments; the rest go to Stryker in order", () => {
  const args = ['--mutate', 'access/iam/arn.ts', '--tests', '__tests__/iam/,__tests__/mutation', '--concurrency', '1', '--tsconfig', 'mutation/tsconfig.iam.json'];
  expect(splitMutateOptions(args, PROJECT_ROOT)).toEqual({
    roots: ['__tests__/iam', '__tests__/mutation'],
    tsconfig: 'mutation/tsconfig.iam.json',
    strykerArgs: ['--mutate', 'access/iam/arn.ts', '--concurrency', '1'],
  });
  expect(splitMutateOptions(['--concurrency', '1'], PROJECT_ROOT)).toEqual({ roots: undefined, tsconfig: undefined, strykerArgs: ['--concurrency', '1'] });
});

test('--tests takes folders and --tsconfig a file of the project; anything else is refused in one line', () => {
  expect(refusal(['--tests'])).toBe('--tests needs a value, e.g. --tests __tests__/iam');
  expect(refusal(['--tests', '--concurrency', '1'])).toBe('--tests needs a value, e.g. --tests __tests__/iam');
  expect(refusal(['--tests', '__tests__/nope'])).toBe('--tests: "__tests__/nope" is not a folder of the project');
  expect(refusal(['--tests', '__tests__/iam/arn.test.ts'])).toBe('--tests: "__tests__/iam/arn.test.ts" is not a folder of the project');
  expect(refusal(['--tests', '../wt-guard'])).toBe('--tests: "../wt-guard" is not a folder of the project');
  expect(refusal(['--tsconfig', 'mutation'])).toBe('--tsconfig: "mutation" is not a file of the project');
  expect(refusal(['--tsconfig', '/etc/passwd'])).toBe('--tsconfig: "/etc/passwd" is not a file of the project');
});
