import { consentPurposeName } from '../../shared/display-names';
import { pluralize } from '../../shared/format';
import { consentWithdrawnErrorSchema } from '../../shared/mesh-api';
import { MeshError } from './mesh-error';

/**
 * The mesh's 409 `consent_withdrawn` (POST /v1/activations): the list holds customers who have
 * withdrawn consent for the destination's purpose since Customer 360 was pulled. The node's own
 * message speaks to developers; this one tells a marketer what happened and what to do.
 */
export class ConsentWithdrawnError extends MeshError {
  constructor(
    status: number,
    /** how many customers in the list withdrew consent */
    readonly count: number,
    /** the destination's consent purpose (`ads`), when the mesh said */
    readonly purpose: string | null,
    nextStep = APP_NEXT_STEP,
  ) {
    super(status, 'consent_withdrawn', consentWithdrawnMessage(count, purpose, nextStep), false);
    this.name = 'ConsentWithdrawnError';
  }
}

/** In the app, activating again after a refresh re-checks the list, so those customers are left out. */
export const APP_NEXT_STEP = 'Refresh Customer 360 and activate again: Meshwork then leaves them out.';

export function consentWithdrawnMessage(count: number, purpose: string | null, nextStep = APP_NEXT_STEP): string {
  const who = `${pluralize(count, 'customer')} in this list ${count === 1 ? 'has' : 'have'}`;
  return `The mesh refused: ${who} withdrawn consent for ${consentPurposeName(purpose)} since Customer 360 was pulled. ${nextStep}`;
}

/** The plain-words error for a 409 consent_withdrawn answer body, or null for any other answer. */
export function consentRefusal(status: number, body: unknown): ConsentWithdrawnError | null {
  const parsed = consentWithdrawnErrorSchema.safeParse(body);
  if (!parsed.success) return null;
  return new ConsentWithdrawnError(status, parsed.data.error.count, parsed.data.error.purpose ?? null);
}
