import type { StackModel, Stage, ValueObject } from '../model';

/** The stage-wide settings of an API Gateway stage: aws_api_gateway_method_settings whose method_path covers every method. */
export function stageWideSettings(model: StackModel, stage: Stage, restApiId: string): ValueObject | undefined {
  for (const settings of model.ofType('aws_api_gateway_method_settings')) {
    if (model.readString(settings, 'method_path') !== '*/*') continue;
    if (model.readString(settings, 'rest_api_id') !== restApiId) continue;
    if (model.readString(settings, 'stage_name') !== stage.stageName) continue;
    return model.readBlock(settings, 'settings');
  }
  return undefined;
}
