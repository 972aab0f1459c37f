import { join } from 'node:path';
import { awsBackendAvailability } from '../../access/aws-backend/availability';
import { crossCheckScenario, CrossCheckRow, DEFAULT_OUTDIR } from '../../access/aws-backend/cross-check';
import { loadScenario } from '../../access/scenario';

/**
 * The local IAM hop against IAM's own SimulateCustomPolicy, for every cell of scenarios/office.json, on the
 * deployed stack's values. Opt-in: ACCESS_BACKEND=aws, AWS credentials and a deployed office stack (its outputs
 * read with terraform in cdktf.out/stacks/office). Otherwise it is skipped and never touches the network.
 */
const SKIPPED = 'skipped: set ACCESS_BACKEND=aws with AWS credentials and a deployed office stack to compare with IAM SimulateCustomPolicy';
const SCENARIO = join(__dirname, '..', '..', 'scenarios', 'office.json');
const scenario = loadScenario(SCENARIO);
const availability = awsBackendAvailability(join(DEFAULT_OUTDIR, 'stacks', scenario.stack));

if (!availability.enabled) {
  console.log(`${SKIPPED} (${availability.reason})`);
  describe.skip(SKIPPED, () => {
    test.skip(SKIPPED, () => undefined);
  });
} else {
  const { outputs } = availability;
  describe(`IAM hop of ${scenario.stack}: local simulator vs IAM SimulateCustomPolicy (credentials: ${availability.credentials})`, () => {
    let rows: CrossCheckRow[] = [];
    beforeAll(async () => {
      rows = await crossCheckScenario(SCENARIO, { outputs });
    }, 120_000);

    const cells = scenario.users.flatMap((user) => scenario.requests.map((request) => [user.name, request.key] as const));
    test.each(cells)('%s → %s: IAM decides as the simulator does', (user, request) => {
      const row = rows.find((r) => r.user === user && r.request === request);
      expect(row).toBeDefined();
      // On failure Jest shows local (expected) against IAM's answer (received), with what IAM found missing.
      expect({ decision: row!.aws, missingContextValues: row!.missingContextValues }).toEqual({
        decision: row!.local,
        missingContextValues: row!.missingContextValues,
      });
    });
  });
}
