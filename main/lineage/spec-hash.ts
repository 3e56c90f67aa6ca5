import { createHash } from 'node:crypto';
import type { AnalysisSpec } from '../../shared/specs/index';

/**
 * The short hash an analysis run records for its spec (the parsed spec, defaults filled in), so a
 * saved spec's versions can be matched to the runs that ran them.
 */
export function specHash(parsed: AnalysisSpec): string {
  return createHash('sha256').update(JSON.stringify(parsed)).digest('hex').slice(0, 16);
}
