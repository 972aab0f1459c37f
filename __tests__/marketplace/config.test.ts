import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../stacks/app';
import { ConfigError } from '../../stacks/config-validation';
import {
  MarketplaceConfig,
  productImagesBucketName,
  signUpGroupClaim,
  usersTableName,
  validateMarketplaceConfig,
} from '../../stacks/marketplace-config';
import { marketplaceFixture } from '../fixtures/configs';

const variant = (edit: (config: MarketplaceConfig) => void): MarketplaceConfig => {
  const config = structuredClone(marketplaceFixture);
  edit(config);
  return config;
};

test('the declaration: names derived from it', () => {
  expect(() => validateMarketplaceConfig(marketplaceFixture)).not.toThrow();
  expect(productImagesBucketName(marketplaceFixture)).toBe('marketplace-dev-product-images');
  expect(usersTableName(marketplaceFixture)).toBe('marketplace-dev-Users');
  expect(signUpGroupClaim(marketplaceFixture)).toBe('custom:signup_group');
  expect(marketplaceFixture.groups.map((g) => [g.name, g.precedence])).toEqual([
    ['seller', 0],
    ['buyer', 1],
  ]);
  expect(marketplaceFixture.signUp.selfService).toEqual(['seller', 'buyer']);
});

test.each<[string, (c: MarketplaceConfig) => void, string]>([
  ['an allowlisted group that does not exist', (c) => c.signUp.selfService.push('Admin'), 'invalid config: marketplace.signUp.selfService[2]: unknown group "Admin"'],
  ['a duplicate group', (c) => c.groups.push({ ...c.groups[1]!, precedence: 5 }), 'invalid config: marketplace.groups[2].name: duplicate group "buyer" (also groups[1])'],
  // IAM User Guide, CreateRole: role names are unique without regard to case; each group names a role.
  ['group names that differ only by case', (c) => c.groups.push({ ...c.groups[1]!, name: 'Buyer', precedence: 5 }), 'invalid config: marketplace.groups[2].name: "Buyer" differs from groups[1] "buyer" only by case; IAM role names ignore case, so both would be one role'],
  // Amazon Cognito API Reference, CreateGroup: Precedence is a non-negative Integer (2^31-1 at most).
  ["a precedence beyond Cognito's maximum", (c) => (c.groups[1]!.precedence = 2 ** 31), "invalid config: marketplace.groups[1].precedence: must be an integer from 0 to 2147483647 (Cognito's maximum)"],
  ['tied precedence', (c) => (c.groups[1]!.precedence = 0), 'invalid config: marketplace.groups[1].precedence: precedence 0 is also used by groups[0]; Cognito would issue no preferred role and the identity pool would deny both'],
  ['a read prefix that covers every seller folder', (c) => c.groups[1]!.bucket.readPrefixes.push('uploads/'), 'invalid config: marketplace.groups[1].bucket.readPrefixes[1]: "uploads/" overlaps the per-user prefix "uploads/"'],
  ['a prefix without its trailing slash', (c) => (c.groups[0]!.bucket.ownPrefix = 'uploads'), 'invalid config: marketplace.groups[0].bucket.ownPrefix: "uploads" must be a key prefix ending in "/"'],
  ['a group that grants nothing', (c) => (c.groups[1]!.bucket.readPrefixes = []), 'invalid config: marketplace.groups[1].bucket: grants nothing: give it ownPrefix or readPrefixes'],
  ['an invalid bucket name', (c) => (c.bucket.namePrefix = 'Market_Place'), 'invalid config: marketplace.bucket.namePrefix: "Market_Place-product-images" is not a valid S3 bucket name (3-63 lowercase letters, digits, "-" or ".")'],
  ['an invalid custom attribute name', (c) => (c.signUp.groupAttribute = 'signup-group'), 'invalid config: marketplace.signUp.groupAttribute: "signup-group" must match /^[A-Za-z0-9_]{1,20}$/ (Cognito custom attribute names)'],
  ['an unsupported log retention', (c) => (c.logRetentionDays = 10), 'invalid config: marketplace.logRetentionDays: 10 is not a CloudWatch Logs retention value'],
])('%s stops synth with the field named, writing nothing', (_name, edit, message) => {
  const config = variant(edit);
  expect(() => validateMarketplaceConfig(config)).toThrow(ConfigError);
  expect(() => validateMarketplaceConfig(config)).toThrow(message);
  const outdir = join(mkdtempSync(join(tmpdir(), 'marketplace-config-')), 'out');
  expect(() => buildApp({ outdir, marketplace: config })).toThrow(message);
  expect(existsSync(outdir)).toBe(false);
});
