import type { Node, PolicyHolder, StackModel } from '../model';

/** The companion resources of a bucket (versioning, encryption, public access block) that name it. */
export function companionsOf(model: StackModel, type: string, bucket: PolicyHolder): Node[] {
  return model.ofType(type).filter((node) => {
    const target = model.readString(node, 'bucket');
    return target === bucket.resourceName || target === bucket.arn;
  });
}
