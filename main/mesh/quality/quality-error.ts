import { failureText, type QualityResult } from '../../../shared/contracts/quality-rules';
import { MeshError } from '../mesh-error';

/**
 * A pull refused because an error-level quality rule failed: like a schema mismatch, nothing is
 * installed and the previous version stays current. Carries every result so the CLI can print
 * them and the app can show them.
 */
export class QualityError extends MeshError {
  constructor(
    readonly product: string,
    readonly version: string,
    readonly results: QualityResult[],
  ) {
    const failed = results.filter((r) => !r.passed && r.severity === 'error');
    super(
      null,
      'quality_failed',
      `${product} ${version} fails ${failed.length === 1 ? 'a quality rule' : `${failed.length} quality rules`} of its data contract: ${failed.map(failureText).join('; ')}. Nothing was installed (the previous version stays in use); tell the product's owner.`,
      false,
    );
    this.name = 'QualityError';
  }
}

/** The error-level failures, if any, as the refusal; null when the version may be installed. */
export function qualityRefusal(product: string, version: string, results: readonly QualityResult[]): QualityError | null {
  return results.some((r) => !r.passed && r.severity === 'error') ? new QualityError(product, version, [...results]) : null;
}
