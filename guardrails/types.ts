import type { StackModel } from '../model';
import type { IamCatalogue } from './iam-catalogue';

export type Severity = 'error' | 'warning';

/** The closest rule of the established scanners, where one exists (ids verified against their sources). */
export interface Anchors {
  cdkNag?: string[];
  checkov?: string[];
  trivy?: string[];
}

/** One problem a rule found. */
export interface Finding {
  /** Terraform address: `aws_iam_role.NAME`. */
  resource: string;
  message: string;
  /** What to change, in this project's terms where possible. */
  fix: string;
}

/** What every rule asks: the stack's one model (model/) and AWS's catalogue of actions and keys. */
export interface RuleContext {
  model: StackModel;
  catalogue: IamCatalogue;
}

export interface Rule {
  /** `RBAC-001`: family, then a number. The file is guardrails/rules/<id>-<slug>.ts. */
  id: string;
  severity: Severity;
  /** What is checked, one line. */
  title: string;
  /** Why it matters, one line. */
  rationale: string;
  anchors: Anchors;
  check(context: RuleContext): Finding[];
}

/** A finding as reported: with its rule, stack and suppression. */
export interface Result extends Finding {
  rule: string;
  severity: Severity;
  /** Stack name (cdktf.out/stacks/<name>). */
  stack: string;
  file: string;
  /** Present when a `suppress()` in code, next to the construct, accepted this finding. */
  suppressed?: { reason: string };
}
