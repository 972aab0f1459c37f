import { Fn } from 'cdktf';

/**
 * The account of a resource ARN (`arn:aws:logs:us-east-1:123456789012:log-group:x` → `123456789012`), as a Terraform
 * expression. Service trust policies pin aws:SourceAccount to it; a data source (aws_caller_identity) would make
 * every plan call AWS, which the offline plan must not.
 */
export function accountOf(arn: string): string {
  return Fn.element(Fn.split(':', arn), 4);
}
