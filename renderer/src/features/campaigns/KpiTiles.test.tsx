// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import { METRIC_IDS } from '../../../../shared/metrics/metrics';
import { ApiProvider, createQueryClient } from '../../api/queries';
import type { DashboardView } from './campaigns-store';
import { KpiTiles } from './KpiTiles';

afterEach(cleanup);

const values = (spend: number) => Object.fromEntries(METRIC_IDS.map((id) => [id, id === 'spend' ? spend : null]));

/** The engine's answer: spend 400 in June, 100 in the 30 days before (so +300 %); 250 for paid search alone. */
function fakeClient() {
  const kpis = vi.fn(async ({ filter }: { filter: { channels?: string[] } }) => ({
    current: values(filter.channels?.includes('paid_search') ? 250 : 400),
    previous: values(100),
    previousFrom: '2026-05-02',
    previousTo: '2026-05-31',
  }));
  return { client: { campaigns: { kpis } } as unknown as MeshworkApi, kpis };
}

const view = (channels: string[]): DashboardView => ({
  filter: { from: '2026-06-01', to: '2026-06-30', channels, platforms: [], campaigns: [] },
  metric: 'spend',
  granularity: 'date',
  level: 'campaign',
  parent: {},
});

describe('KpiTiles', () => {
  it('asks the engine for the filter and asks again when the filter changes, reusing cached answers', async () => {
    const { client, kpis } = fakeClient();
    const queryClient = createQueryClient();
    const ui = (channels: string[]) => (
      <ApiProvider client={client} queryClient={queryClient}>
        <KpiTiles view={view(channels)} />
      </ApiProvider>
    );
    const { rerender } = render(ui([]));
    await waitFor(() => expect(screen.getByTestId('kpi-spend-value').getAttribute('data-value')).toBe('400'));
    expect(screen.getByTestId('kpi-spend').textContent).toContain('+300');
    rerender(ui(['paid_search']));
    await waitFor(() => expect(screen.getByTestId('kpi-spend-value').getAttribute('data-value')).toBe('250'));
    rerender(ui([]));
    await waitFor(() => expect(screen.getByTestId('kpi-spend-value').getAttribute('data-value')).toBe('400'));
    // Back to the first filter: answered from the cache, not asked again.
    expect(kpis).toHaveBeenCalledTimes(2);
    // A metric without a value (a ratio whose denominator is missing) reads as a dash, not as 0.
    expect(screen.getByTestId('kpi-cpa-value').textContent).toBe('—');
  });
});
