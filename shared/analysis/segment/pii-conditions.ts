import { ruleAttributes, type RuleNode } from '../../specs/segment-rule';
import { SpecError } from '../../specs/spec-error';

/**
 * Without PII access, a segment may not filter on personal data: repeated counts of
 * `email starts_with "a"`, `"an"`, `"ann"` ... would spell out every address one letter at a
 * time even though no address is ever shown. The refusal names the condition's path.
 */
export function refusePiiConditions(rule: RuleNode, piiColumns: ReadonlySet<string>, path: PropertyKey[] = ['rule']): void {
  for (const [attribute, at] of ruleAttributes(rule, path)) {
    if (!piiColumns.has(attribute)) continue;
    throw new SpecError(
      'pii_not_permitted',
      `${at} "${attribute}" is personal data (PII in the customers contract); your role has no PII access, so segments cannot filter on it`,
      at,
    );
  }
}
