// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentRecheckView } from '../../../../shared/ipc/audiences-contract';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { ConsentRecheckCard } from './ConsentRecheck';

afterEach(cleanup);

const built = { version: '2026-10-31.1', pulled_at: '2026-11-30T08:00:00Z', updated_at: '2026-11-30T07:00:00Z', sla_hours: 24 };
const now = { ...built, version: '2026-10-31.2' };

function withApi(children: ReactNode) {
  return (
    <ApiProvider client={{} as MeshworkApi} queryClient={createQueryClient()}>
      {children}
    </ApiProvider>
  );
}

describe('ConsentRecheckCard', () => {
  it('says how many members consent changes removed since the version was built, and what activation sends', () => {
    const consent: ConsentRecheckView = { built_on: built, checked_against: now, removed: 12, missing: 0, note: null, stale: null };
    render(withApi(<ConsentRecheckCard consent={consent} memberCount={348} />));
    expect(screen.getByTestId('review-consent-removed').textContent).toBe('12 members removed because consent changed since this version was built.');
    expect(screen.getByTestId('review-consent-built-on').textContent).toMatch(/^Customer 360 2026-10-31\.1, pulled /);
    // 348 approved - 12 withdrawn = 336 still consenting.
    expect(screen.getByTestId('review-consent').textContent).toContain('Activating sends the 336 who still consent');
    expect(screen.queryByTestId('review-consent-stale')).toBeNull();
  });

  it('shows 0 plainly, "unknown" for versions built before it was recorded, and a stale Customer 360 with its refresh action', () => {
    const consent: ConsentRecheckView = {
      built_on: null,
      checked_against: now,
      removed: 0,
      missing: 0,
      note: null,
      stale: 'This audience cannot be activated: old.',
    };
    render(withApi(<ConsentRecheckCard consent={consent} memberCount={5} />));
    expect(screen.getByTestId('review-consent-removed').textContent).toBe('0 members removed because consent changed since this version was built.');
    expect(screen.getByTestId('review-consent-built-on').textContent).toMatch(/^unknown/);
    expect(screen.getByTestId('review-consent-stale').textContent).toContain('This audience cannot be activated: old.');
    expect(screen.getByTestId('refresh-customer-360').textContent).toBe('Refresh Customer 360');
  });

  it('says why consent could not be re-checked instead of a number', () => {
    const consent: ConsentRecheckView = {
      built_on: built,
      checked_against: null,
      removed: null,
      missing: 0,
      note: 'Pull Customer 360 in the Catalog to re-check consent.',
      stale: null,
    };
    render(withApi(<ConsentRecheckCard consent={consent} memberCount={5} />));
    expect(screen.getByTestId('review-consent-note').textContent).toBe('Pull Customer 360 in the Catalog to re-check consent.');
    expect(screen.queryByTestId('review-consent-removed')).toBeNull();
  });
});
