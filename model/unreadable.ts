/**
 * A part of a stack that can affect access but cannot be read offline. It always names the resource address and
 * the field, so a user can find it in cdk.tf.json; the model never guesses a value instead.
 */
export class Unreadable extends Error {
  constructor(
    /** `aws_iam_role.admin`, `data.aws_iam_policy_document.trust`, or the stack file for stack-wide problems. */
    readonly address: string,
    /** `assume_role_policy`, `inline_policy[0].policy`, `role_mapping[1].mapping_rule[0].role_arn`, or ''. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field ? `${address}.${field}` : address}: ${reason}`);
    this.name = 'Unreadable';
  }
}

/** Every unreadable part of one stack, reported together so that one run shows them all. */
export class UnreadableStack extends Error {
  constructor(
    readonly stack: string,
    readonly problems: readonly Unreadable[],
  ) {
    super(
      `stack ${stack}: ${problems.length} part(s) that can affect access cannot be read offline:\n` +
        problems.map((problem) => `  - ${problem.message}`).join('\n'),
    );
    this.name = 'UnreadableStack';
  }
}
