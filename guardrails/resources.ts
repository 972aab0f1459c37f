import { block, type JsonObject, type TfResource, type TfStack } from './stack';
import { refsIn } from './template';

/** The stage-wide settings of an API Gateway stage: aws_api_gateway_method_settings whose method_path covers every method. */
export function stageWideSettings(stack: TfStack, stage: TfResource): JsonObject | undefined {
  for (const settings of stack.ofType('aws_api_gateway_method_settings')) {
    if (settings.body.method_path !== '*/*') continue;
    const sameApi = settings.body.rest_api_id === stage.body.rest_api_id;
    const names = settings.body.stage_name;
    const sameStage =
      refsIn(names).some((ref) => ref.address === stage.address) ||
      (typeof names === 'string' && names === stage.body.stage_name);
    if (sameApi && sameStage) return block(settings.body.settings);
  }
  return undefined;
}

/** Whether a companion resource (versioning, encryption, ...) points at the bucket, by reference or by name. */
export function targetsBucket(companion: TfResource, bucket: TfResource, field = 'bucket'): boolean {
  const value = companion.body[field];
  if (refsIn(value).some((ref) => ref.address === bucket.address)) return true;
  return typeof value === 'string' && typeof bucket.body.bucket === 'string' && value === bucket.body.bucket;
}

/** Whether a value references the given resource anywhere (e.g. `${aws_api_gateway_stage.S.arn}`). */
export function references(value: unknown, resource: TfResource): boolean {
  if (Array.isArray(value)) return value.some((item) => references(item, resource));
  return refsIn(value).some((ref) => ref.address === resource.address);
}
