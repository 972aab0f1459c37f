/** ACCESS_BACKEND=aws: the IAM hop cross-checked with IAM SimulateCustomPolicy on the deployed stack's values. */
export { awsBackendAvailability, credentialSource } from './availability';
export type { Availability } from './availability';
export { contextKeyType, ContextEntryError, toContextEntries } from './context-entries';
export { crossCheck, crossCheckScenario, DEFAULT_OUTDIR, formatCrossCheck } from './cross-check';
export type { CrossCheckDecision, CrossCheckOptions, CrossCheckRow } from './cross-check';
export { OutputsError, parseTerraformOutputs, readTerraformOutputs, readTerraformOutputsSync } from './outputs';
export type { TerraformOutputs } from './outputs';
export { rolePolicyDocuments } from './policy-documents';
export type { PolicyDocument, RolePolicyDocuments } from './policy-documents';
export { RealValues, realValuesFor, RealValuesError, REQUIRED_OUTPUTS } from './real-values';
export type { ArnRewrite, RealValuePair } from './real-values';
export {
  DEFAULT_MAX_ATTEMPTS,
  exponentialBackoff,
  isThrottling,
  MAX_PAGES,
  resultFor,
  simulateCustomPolicy,
  simulationInput,
  SimulationError,
  toDecision,
} from './simulate-custom-policy';
export type { RetryOptions, SimulationRequest } from './simulate-custom-policy';
