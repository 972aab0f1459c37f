import type { Rule } from '../types';
import { rule as RBAC_001 } from './RBAC-001-trust-other-pools';
import { rule as RBAC_002 } from './RBAC-002-trust-amr';
import { rule as RBAC_003 } from './RBAC-003-trust-outsiders';
import { rule as RBAC_004 } from './RBAC-004-no-guest-identities';
import { rule as RBAC_005 } from './RBAC-005-guest-role-read-only';
import { rule as RBAC_006 } from './RBAC-006-no-classic-flow';
import { rule as RBAC_007 } from './RBAC-007-ambiguous-role-deny';
import { rule as RBAC_008 } from './RBAC-008-default-role-grants-nothing';
import { rule as RBAC_009 } from './RBAC-009-group-precedence-tie';
import { rule as RBAC_010 } from './RBAC-010-role-trusts-this-pool';
import { rule as RBAC_011 } from './RBAC-011-no-user-writable-claims';
import { rule as RBAC_012 } from './RBAC-012-no-token-claim-keys';
import { rule as RBAC_013 } from './RBAC-013-server-side-token-check';
import { rule as RBAC_014 } from './RBAC-014-no-self-escalation';
import { rule as RBAC_015 } from './RBAC-015-known-providers';
import { rule as RBAC_016 } from './RBAC-016-stays-in-stack';
import { rule as COG_001 } from './COG-001-password-policy';
import { rule as COG_002 } from './COG-002-mfa';
import { rule as COG_003 } from './COG-003-threat-protection';
import { rule as COG_004 } from './COG-004-deletion-protection';
import { rule as COG_005 } from './COG-005-user-existence-errors';
import { rule as COG_006 } from './COG-006-app-client-strength';
import { rule as COG_007 } from './COG-007-pre-token-generation';
import { rule as APIG_001 } from './APIG-001-method-callers';
import { rule as APIG_002 } from './APIG-002-stage-access-log';
import { rule as APIG_003 } from './APIG-003-stage-xray';
import { rule as APIG_004 } from './APIG-004-stage-throttling';
import { rule as APIG_005 } from './APIG-005-execution-logging';
import { rule as APIG_006 } from './APIG-006-waf';
import { rule as LAMBDA_001 } from './LAMBDA-001-permission-scope';
import { rule as LAMBDA_002 } from './LAMBDA-002-runtime';
import { rule as LAMBDA_003 } from './LAMBDA-003-tracing';
import { rule as LAMBDA_004 } from './LAMBDA-004-log-retention';
import { rule as LAMBDA_005 } from './LAMBDA-005-reserved-concurrency';
import { rule as IAM_001 } from './IAM-001-no-wildcard-actions';
import { rule as IAM_002 } from './IAM-002-no-wildcard-resource-writes';
import { rule as IAM_003 } from './IAM-003-managed-policies-known';
import { rule as IAM_004 } from './IAM-004-inline-policy-size';
import { rule as IAM_005 } from './IAM-005-trust-policy-size';
import { rule as IAM_006 } from './IAM-006-policy-well-formed';
import { rule as IAM_007 } from './IAM-007-known-actions-and-keys';
import { rule as IAM_008 } from './IAM-008-service-role-confused-deputy';
import { rule as S3_001 } from './S3-001-versioning';
import { rule as S3_002 } from './S3-002-encryption';
import { rule as S3_003 } from './S3-003-public-access-block';
import { rule as S3_004 } from './S3-004-tls-only';
import { rule as S3_005 } from './S3-005-bucket-policy-outsiders';
import { rule as DDB_001 } from './DDB-001-point-in-time-recovery';
import { rule as DDB_002 } from './DDB-002-server-side-encryption';
import { rule as DDB_003 } from './DDB-003-table-policy-outsiders';
import { rule as KMS_001 } from './KMS-001-key-policy-outsiders';

/** Every rule, in the order RULES.md lists them (the Cognito → IAM chain first). Each file under guardrails/rules/ holds one; a test checks none is missing. */
export const RULES: readonly Rule[] = [
  RBAC_001,
  RBAC_002,
  RBAC_003,
  RBAC_004,
  RBAC_005,
  RBAC_006,
  RBAC_007,
  RBAC_008,
  RBAC_009,
  RBAC_010,
  RBAC_011,
  RBAC_012,
  RBAC_013,
  RBAC_014,
  RBAC_015,
  RBAC_016,
  COG_001,
  COG_002,
  COG_003,
  COG_004,
  COG_005,
  COG_006,
  COG_007,
  APIG_001,
  APIG_002,
  APIG_003,
  APIG_004,
  APIG_005,
  APIG_006,
  LAMBDA_001,
  LAMBDA_002,
  LAMBDA_003,
  LAMBDA_004,
  LAMBDA_005,
  IAM_001,
  IAM_002,
  IAM_003,
  IAM_004,
  IAM_005,
  IAM_006,
  IAM_007,
  IAM_008,
  S3_001,
  S3_002,
  S3_003,
  S3_004,
  S3_005,
  DDB_001,
  DDB_002,
  DDB_003,
  KMS_001,
];
