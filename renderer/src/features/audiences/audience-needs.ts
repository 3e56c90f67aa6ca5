/**
 * What the audience builder says when there is nothing to build from. An audience is a saved
 * segment sent to a destination, and it reads Customer 360 for its members, their consent and
 * their hashed e-mails (main/app/audience-builder.ts); a segment's own conditions may read more
 * (segmentProducts in shared/analysis/segment/compile-segment.ts). The empty state names those
 * products, as every empty page does, and the first step still missing.
 */
export interface AudienceNeeds {
  title: string;
  detail: string;
  /** Customer 360 is not on this laptop: pulling it is the first step. */
  pullFirst: boolean;
}

const READS =
  'An audience is a saved segment sent to a destination; its members, their consent and their hashed e-mails come from Customer 360. ' +
  'A segment with conditions on behaviour, conversions or churn scores also needs Web and product events, Conversions or Predictive Churn Scores.';

/** `customersOnLaptop` is null while the catalog is still loading: then no step is pushed first. */
export function audienceNeeds(customersOnLaptop: boolean | null): AudienceNeeds {
  const title = 'Audiences need Customer 360 and a saved segment.';
  if (customersOnLaptop === false) return { title, detail: `Pull Customer 360 in the Catalog, then save a segment in Segments. ${READS}`, pullFirst: true };
  return {
    title,
    detail: `${customersOnLaptop ? 'Customer 360 is on this laptop: save' : 'Save'} a segment in Segments first. ${READS}`,
    pullFirst: false,
  };
}
