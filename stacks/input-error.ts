import { PolicyTemplateError } from '../policies/loader';
import { ConfigError } from './config-validation';
import { SuppressionError } from './suppress';
import { BundleError } from './constructs/bundle';

/**
 * Errors that say the user's input is wrong (config, policy templates, suppressions, handler code). They carry a one-line message
 * naming the file or field; a stack trace would only hide it, so entry points print the message alone.
 */
export function isInputError(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof PolicyTemplateError ||
    error instanceof SuppressionError ||
    error instanceof BundleError
  );
}
