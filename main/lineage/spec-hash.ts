import { createHash } from 'node:crypto';
import type { AnalysisSpec } from '../../shared/specs/index';

/**
 * The short hash an analysis run records for its spec (the parsed spec, defaults filled in), so a
 * saved spec's versions can be matched to the runs that ran them.
 *
 * An attribution's `cost` flag is left out: it only adds Campaign Performance 360's spend beside
 * the credit (the Attribution screen always asks for it, a saved spec need not), so a run of a
 * saved spec with or without cost is still a run of that spec.
 */
export function specHash(parsed: AnalysisSpec): string {
  const identity = parsed.kind === 'attribution' ? withoutCost(parsed) : parsed;
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
}

function withoutCost(spec: AnalysisSpec & { kind: 'attribution' }): object {
  const { cost: _cost, ...rest } = spec;
  return rest;
}
