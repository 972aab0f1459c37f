import { join } from 'node:path';
import { StackModel, synthSource, type ValueObject } from '../../model';

/**
 * The model of an in-memory Terraform JSON fixture, as if read from `<dir>/cdk.tf.json`. `dir` matters only to
 * fixtures that name files (Lambda zips, `file(...)`).
 */
export function modelOf(json: object, name = 'fx', dir = join(__dirname, 'no-such-stack-dir')): StackModel {
  return new StackModel(synthSource(json as ValueObject, join(dir, 'cdk.tf.json'), name));
}
