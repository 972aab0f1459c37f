import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { ClientError } from '../../client/errors';
import { decodeIdToken } from '../../client/id-token';
import { signIn } from '../../client/sign-in';
import { loadPolicyVersion, newestPolicyVersion, renderPolicy } from '../../policies/loader';
import { awsCall, E2E_CREDENTIALS, E2E_REGION } from '../../e2e/aws-call';
import { MotoServer, motoPython, startMoto } from '../../e2e/moto-server';

jest.setTimeout(120_000);

/** The shims patch moto's server; without moto installed there is nothing to test (CI installs it). */
const HAS_MOTO = spawnSync(motoPython(), ['-c', 'import moto.server, flask, werkzeug'], { stdio: 'ignore' }).status === 0;
const SKIPPED = "skipped: moto's server is not installed (pip install 'moto[server]')";

if (!HAS_MOTO) {
  describe.skip(SKIPPED, () => {
    test.skip(SKIPPED, () => undefined);
  });
} else {
  describe('moto shims (e2e/moto/shims.py) answer as the AWS API reference says', () => {
    let moto: MotoServer;
    let folder: string;
    let ca: string;
    const clientConfig = () => ({ region: E2E_REGION, endpoint: moto.http, credentials: E2E_CREDENTIALS });

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'moto-shims-'));
      moto = await startMoto(folder);
      ca = readFileSync(moto.caFile, 'utf8');
    });
    afterAll(async () => {
      await moto?.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    test('the server names every shim it applied', () => {
      expect(moto.shims).toEqual(['identity-pool-roles', 'srp-sign-in', 'lambda-logging-config', 's3-secure-transport']);
      expect(moto.version).toBe('5.2.1');
    });

    describe('identity-pool-roles: SetIdentityPoolRoles / GetIdentityPoolRoles', () => {
      test('GetIdentityPoolRoles returns exactly what SetIdentityPoolRoles stored, and nothing after the pool is deleted', async () => {
        const client = new CognitoIdentityClient(clientConfig());
        const pool = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'shim_test', AllowUnauthenticatedIdentities: false }));
        const id = pool.IdentityPoolId!;
        const roles = { authenticated: 'arn:aws:iam::123456789012:role/default' };
        const mappings = { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_x:client': { Type: 'Token' as const, AmbiguousRoleResolution: 'Deny' as const } };
        await client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: roles, RoleMappings: mappings }));
        const got = await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
        expect({ id: got.IdentityPoolId, roles: got.Roles, mappings: got.RoleMappings }).toEqual({ id, roles, mappings });

        // API reference, RoleMapping: AmbiguousRoleResolution is required for Token and Rules mappings.
        await expect(
          client.send(
            new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: roles, RoleMappings: { p: { Type: 'Token' } as never } }),
          ),
        ).rejects.toMatchObject({ name: 'InvalidParameterException' });

        await client.send(new DeleteIdentityPoolCommand({ IdentityPoolId: id }));
        await expect(client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
        client.destroy();
      });
    });

    describe('srp-sign-in: USER_SRP_AUTH / PASSWORD_VERIFIER', () => {
      let idp: CognitoIdentityProviderClient;
      let userPoolId: string;
      let clientId: string;
      const password = 'Shim-test-Passw0rd!';

      beforeAll(async () => {
        idp = new CognitoIdentityProviderClient(clientConfig());
        userPoolId = (await idp.send(new CreateUserPoolCommand({ PoolName: 'shim-srp', AliasAttributes: ['email'] }))).UserPool!.Id!;
        clientId = (
          await idp.send(
            new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
          )
        ).UserPoolClient!.ClientId!;
        await idp.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: 'ada', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd!x' }));
        await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'ada', Password: password, Permanent: true }));
      });
      afterAll(() => idp.destroy());

      const newPassword = () => Promise.reject(new Error('no NEW_PASSWORD_REQUIRED expected for a permanent password'));

      test('the right password signs in; the client answered with USER_ID_FOR_SRP (the sub), which the shim finds', async () => {
        const tokens = await signIn({ client: idp, userPoolId, clientId, username: 'ada', password, newPassword });
        const claims = decodeIdToken(tokens.idToken);
        expect(claims['cognito:username']).toBe('ada');
        expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
      });

      test('a wrong password is refused: the SRP proof (PASSWORD_CLAIM_SIGNATURE) is checked', async () => {
        const attempt = signIn({ client: idp, userPoolId, clientId, username: 'ada', password: `${password}x`, newPassword });
        await expect(attempt).rejects.toBeInstanceOf(ClientError);
        await expect(attempt).rejects.toThrow(/wrong password for "ada".*Incorrect username or password/);
      });
    });

    describe('lambda-logging-config: LoggingConfig of CreateFunction / GetFunctionConfiguration', () => {
      // An empty zip archive (end-of-central-directory record only): moto stores code without running it.
      const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]).toString('base64');

      async function createFunction(name: string, loggingConfig?: object): Promise<Record<string, unknown>> {
        const body = {
          FunctionName: name,
          Runtime: 'nodejs22.x',
          Role: 'arn:aws:iam::123456789012:role/shim-lambda',
          Handler: 'index.handler',
          Code: { ZipFile: EMPTY_ZIP },
          ...(loggingConfig ? { LoggingConfig: loggingConfig } : {}),
        };
        const created = await awsCall({ endpoint: moto.http, service: 'lambda', method: 'POST', path: '/2015-03-31/functions', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(created.status).toBe(201);
        const got = await awsCall({ endpoint: moto.http, service: 'lambda', path: `/2015-03-31/functions/${name}/configuration` });
        return (JSON.parse(got.body) as { LoggingConfig: Record<string, unknown> }).LoggingConfig;
      }

      beforeAll(async () => {
        const iam = new IAMClient(clientConfig());
        await iam.send(new CreateRoleCommand({ RoleName: 'shim-lambda', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }));
        iam.destroy();
      });

      test('JSON format keeps the log group given and gets the INFO levels AWS defaults to', async () => {
        expect(await createFunction('shim-json', { LogFormat: 'JSON', LogGroup: '/aws/lambda/custom' })).toEqual({
          LogFormat: 'JSON',
          LogGroup: '/aws/lambda/custom',
          ApplicationLogLevel: 'INFO',
          SystemLogLevel: 'INFO',
        });
      });

      test('without LoggingConfig: Text format and the /aws/lambda/<name> log group, no levels', async () => {
        expect(await createFunction('shim-text')).toEqual({ LogFormat: 'Text', LogGroup: '/aws/lambda/shim-text' });
      });
    });

    describe('s3-secure-transport: the TLS-only Deny (aws:SecureTransport) of policies/<newest>/state-bucket.json', () => {
      const bucket = 'shim-tls-only';
      const s3 = (endpoint: string, method: string, path: string, body?: string) =>
        awsCall({ endpoint, ca, service: 's3', method, path: `/${bucket}${path}`, ...(body !== undefined ? { body } : {}) });

      beforeAll(async () => {
        expect((await s3(moto.https, 'PUT', '')).status).toBe(200);
        const policy = renderPolicy(loadPolicyVersion(newestPolicyVersion()).templates.stateBucket, { bucketArn: `arn:aws:s3:::${bucket}` });
        const put = await awsCall({ endpoint: moto.https, ca, service: 's3', method: 'PUT', path: `/${bucket}`, query: { policy: '' }, body: policy });
        expect(put.status).toBe(200); // moto's answer; AWS answers 204 No Content
      });

      test('over TLS the Deny does not apply: PUT and GET of an object succeed', async () => {
        expect((await s3(moto.https, 'PUT', '/state.json', '{"v":1}')).status).toBe(200);
        const got = await s3(moto.https, 'GET', '/state.json');
        expect({ status: got.status, body: got.body }).toEqual({ status: 200, body: '{"v":1}' });
      });

      test('over plain HTTP the Deny applies: GET and PUT of an object get 403', async () => {
        expect((await s3(moto.http, 'GET', '/state.json')).status).toBe(403);
        expect((await s3(moto.http, 'PUT', '/other.json', 'x')).status).toBe(403);
      });
    });
  });
}
