import { roleView } from '../../access/role-policies';
import { Unreadable } from '../../model';
import { modelOf } from '../support/model';

// IAM User Guide, "IAM JSON policy element reference": IAM refuses a policy that is not valid JSON or breaks the
// grammar, so no role could carry it; the simulator must stop rather than answer without that policy.
test('a trust policy IAM would refuse stops the simulation, naming the role, the field and IAM’s reason', () => {
  const stack = modelOf({
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: { aws_iam_role: { bad: { name: 'fx-bad', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] }) } } },
  });
  const role = stack.roles.find((r) => r.name === 'bad')!;
  expect(role.trust.error).toBeDefined();
  expect(() => roleView(role)).toThrow(new Unreadable('aws_iam_role.bad', 'assume_role_policy', `IAM would refuse this policy: ${role.trust.error}`));
  // A document known to be unusable without a recorded reason still stops, with a reason that says so.
  expect(() => roleView({ ...role, trust: { ...role.trust, error: undefined } })).toThrow(
    new Unreadable('aws_iam_role.bad', 'assume_role_policy', 'IAM would refuse this policy: unknown error'),
  );
});
