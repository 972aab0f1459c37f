import type { Finding, Rule } from '../types';

export const rule: Rule = {
  id: 'RBAC-015',
  severity: 'error',
  title: "An identity pool accepts only this stack's user pools: no Cognito provider of another user pool, no social, OpenID, SAML or developer provider unless suppressed",
  rationale:
    "Every provider the pool accepts gets AWS credentials for the pool's roles (Cognito Developer Guide, \"Identity pools third-party identity providers\"); one outside the stack lets people the app never signed up in.",
  anchors: {},
  check({ model }) {
    const findings: Finding[] = [];
    for (const pool of model.identityPools) {
      const add = (field: string, what: string) =>
        findings.push({
          resource: pool.address,
          message: `${field} accepts ${what}: its users get AWS credentials from this pool`,
          fix: "Federate only this stack's user pool clients (IdentityPool does), or suppress with why these users need credentials.",
        });
      for (const provider of pool.cognitoProviders) {
        const userPool = model.userPoolOf(provider);
        if (!userPool) add(provider.field, `the user pool ${provider.providerName}, which is not in this stack`);
        else if (!userPool.clients.some((client) => client.id === provider.clientId)) add(provider.field, `client ${provider.clientId}, which is not an app client of ${userPool.address}`);
      }
      for (const login of Object.keys(pool.loginProviders)) add('supported_login_providers', login);
      pool.openIdConnectProviderArns.forEach((arn, i) => add(`openid_connect_provider_arns[${i}]`, `the OpenID Connect provider ${arn}`));
      pool.samlProviderArns.forEach((arn, i) => add(`saml_provider_arns[${i}]`, `the SAML provider ${arn}`));
      if (pool.developerProviderName) add('developer_provider_name', `developer-authenticated identities (${pool.developerProviderName})`);
    }
    return findings;
  },
};
