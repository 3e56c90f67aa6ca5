import { describe, expect, it } from 'vitest';
import type { RecheckedMember } from '../../shared/analysis/audience/consent-recheck-sql';
import type { ConsentSnapshot, DryRun } from '../../shared/ipc/audiences-contract';
import { parseRule } from '../../shared/specs/segment-rule';
import type { AppContext } from './app-context';
import { AudienceBuilder, type BuiltAudience } from './audience-builder';
import { ConsentRechecker, applyRecheck } from './consent-recheck';
import { refuseStaleConsent, staleConsentProblem } from './consent-snapshot';

const A = 'a'.repeat(64);
const D = 'd'.repeat(64);

describe('applyRecheck', () => {
  it('keeps members who still consent, removes those who withdrew and counts those gone from Customer 360', () => {
    // The version: c1..c5 (c4 from a local record, without its identifier). Now: c2 and c3 withdrew, c5 left.
    const members = [
      { customer_id: 'c1', email_sha256: A },
      { customer_id: 'c2', email_sha256: 'b' },
      { customer_id: 'c3' },
      { customer_id: 'c4' },
      { customer_id: 'c5' },
    ];
    const rechecked: RecheckedMember[] = [
      { customer_id: 'c1', status: 'consents', email_sha256: 'x'.repeat(64) },
      { customer_id: 'c2', status: 'withdrawn', email_sha256: 'b' },
      { customer_id: 'c3', status: 'withdrawn', email_sha256: null },
      { customer_id: 'c4', status: 'consents', email_sha256: D },
      { customer_id: 'c5', status: 'missing', email_sha256: null },
    ];
    expect(applyRecheck(members, rechecked)).toEqual({
      // c1 keeps the identifier the version was approved with; c4 takes the extract's.
      kept: [
        { customer_id: 'c1', email_sha256: A },
        { customer_id: 'c4', email_sha256: D },
      ],
      removed: 2,
      missing: 1,
    });
  });

  it('is all kept and nothing removed when no one changed, and empty for an empty version', () => {
    const members = [{ customer_id: 'c1', email_sha256: A }];
    expect(applyRecheck(members, [{ customer_id: 'c1', status: 'consents', email_sha256: A }])).toEqual({ kept: members, removed: 0, missing: 0 });
    expect(applyRecheck([], [])).toEqual({ kept: [], removed: 0, missing: 0 });
  });
});

const snapshot: ConsentSnapshot = { version: '2026-10-31.1', pulled_at: '2026-11-01T02:00:00Z', updated_at: '2026-11-01T00:00:00Z', sla_hours: 24 };
const hoursLater = (h: number) => new Date(Date.parse('2026-11-01T00:00:00Z') + h * 3_600_000);

describe('the stale consent guard', () => {
  it('lets consent within the SLA through (due included) and refuses it beyond, saying what to do', () => {
    expect(staleConsentProblem(snapshot, 'submit', hoursLater(23.9))).toBeNull();
    expect(staleConsentProblem(snapshot, 'submit', hoursLater(24))).toBeNull();
    const problem = staleConsentProblem(snapshot, 'submit', hoursLater(30));
    expect(problem).toBe(
      'This audience cannot be submitted: its consent comes from Customer 360 2026-10-31.1, which the mesh updated 30 h ago, longer ago than the 24-hour freshness promise, so people may have withdrawn consent since. Refresh Customer 360, then submit again.',
    );
    expect(staleConsentProblem(snapshot, 'activate', hoursLater(72))).toMatch(/^This audience cannot be activated: .* 3 days ago, .* then activate again\.$/);
    expect(() => refuseStaleConsent(snapshot, 'activate', hoursLater(30))).toThrow(expect.objectContaining({ code: 'stale_consent' }));
  });

  it('cannot judge an age it does not know: no update time or no SLA is not stale', () => {
    expect(staleConsentProblem({ ...snapshot, updated_at: null }, 'submit', hoursLater(999))).toBeNull();
    expect(staleConsentProblem({ ...snapshot, sla_hours: null }, 'submit', hoursLater(999))).toBeNull();
    expect(() => refuseStaleConsent(null, 'submit', hoursLater(999))).not.toThrow();
  });
});

/** An app context with Customer 360 loaded at `snapshot` and an engine that answers the re-check with `rechecked`. */
function context(rechecked: RecheckedMember[], loaded = true): AppContext {
  const meta = { version: snapshot.version, fetchedAt: snapshot.pulled_at, updatedAt: snapshot.updated_at, freshnessSlaHours: snapshot.sla_hours };
  return {
    host: { dataDir: '/nonexistent' },
    services: {
      loadedProducts: () => (loaded ? [{ id: 'customers', version: snapshot.version, rows: 5 }] : []),
      mesh: { cache: { meta: (_p: string, v: string) => Promise.resolve(v === snapshot.version ? meta : null) } },
      engine: {
        call: (_method: string, params: { customerIds: string[] }) => Promise.resolve(rechecked.filter((r) => params.customerIds.includes(r.customer_id))),
      },
    },
  } as unknown as AppContext;
}

describe('ConsentRechecker', () => {
  const rechecked: RecheckedMember[] = [
    { customer_id: 'c1', status: 'consents', email_sha256: A },
    { customer_id: 'c2', status: 'withdrawn', email_sha256: A },
  ];

  it('re-checks against the loaded Customer 360 and says what the version was built on', async () => {
    const checker = new ConsentRechecker(context(rechecked), () => hoursLater(2));
    const built = { ...snapshot, version: '2026-10-30.9' };
    const { view, outcome } = await checker.recheck(
      [
        { customer_id: 'c1', email_sha256: A },
        { customer_id: 'c2', email_sha256: A },
      ],
      'ads',
      built,
      'activate',
    );
    expect(view).toEqual({ built_on: built, checked_against: snapshot, removed: 1, missing: 0, note: null, stale: null });
    expect(outcome?.kept).toEqual([{ customer_id: 'c1', email_sha256: A }]);
  });

  it('reports a stale Customer 360 by the injected clock, and says why nothing could be checked', async () => {
    const later = new ConsentRechecker(context(rechecked), () => hoursLater(48));
    const { view } = await later.recheck([{ customer_id: 'c1' }], 'ads', null, 'activate');
    expect(view.stale).toMatch(/^This audience cannot be activated/);
    expect(view.built_on).toBeNull();
    const unpulled = await new ConsentRechecker(context(rechecked, false)).recheck([{ customer_id: 'c1' }], 'ads', null, 'activate');
    expect(unpulled.view).toMatchObject({ removed: null, checked_against: null });
    expect(unpulled.view.note).toMatch(/^Pull Customer 360/);
    expect((await later.recheck(null, 'ads', null, 'activate')).view.removed).toBeNull();
  });
});

describe('the review manifest', () => {
  const builder = new AudienceBuilder({ host: { dataDir: '/nonexistent' } } as unknown as AppContext);
  const dry = { segmentSize: 1, members: 1, excluded: { no_consent: 0, missing_identifier: 0, holdout: 0 }, holdoutSize: 0 } as DryRun;
  const built = (consentSnapshot?: ConsentSnapshot | null): BuiltAudience => ({
    input: { name: 'Ads', segmentId: 's1', destination: 'meta_ads', holdout_pct: 0, salt: 'x' },
    segment: { id: 's1', name: 'Ads', version: 1, spec: { rule: parseRule({ all: [] }, ['rule']), as_of: '2026-10-31T00:00:00Z' } },
    destination: { id: 'meta_ads', name: 'Meta', purpose: 'ads', identifier: 'email_sha256' },
    rows: [{ customer_id: 'c1', status: 'member', email_sha256: A }],
    dataVersions: { customers: snapshot.version },
    ...(consentSnapshot !== undefined ? { consentSnapshot } : {}),
  });

  it('records the Customer 360 the members were built on, and "unknown" when it is not known', () => {
    expect(JSON.parse(builder.reviewFiles(built(snapshot), dry).manifest).consent_snapshot).toEqual(snapshot);
    expect(JSON.parse(builder.reviewFiles(built(), dry).manifest).consent_snapshot).toBe('unknown');
  });
});
