import { describe, expect, it } from 'vitest';
import { lineageFor, type LineageEntry } from '../../../shared/lineage/build-lineage';
import type { AppContext } from '../app-context';
import { createActivityHandlers } from './activity-handlers';

type Logged = { action: string; summary: string; details?: Record<string, unknown> };

// Only what the export touches: the log it reads and the log it appends to.
function contextWith(existing: LineageEntry[], logged: Logged[]): AppContext {
  return {
    services: {
      mesh: {
        activity: async () => existing,
        logActivity: async (entry: Logged) => void logged.push(entry),
      },
    },
  } as unknown as AppContext;
}

const pull: LineageEntry = { seq: 1, at: '2026-11-30T10:00:00Z', user: 'ana', action: 'pull', summary: 'Pulled Touchpoints v7', details: {}, hash: 'h1' };

describe('activity.export', () => {
  it('records that it read no data product, so its lineage says so instead of "not recorded"', async () => {
    const logged: Logged[] = [];
    const out = await createActivityHandlers(contextWith([pull], logged)).export(undefined as never);
    expect(out.entries).toBe(1);
    expect(logged).toEqual([{ action: 'export', summary: 'Exported the activity log (1 entries)', details: { entries: 1, reads: [] } }]);

    const entry: LineageEntry = { seq: 2, at: '2026-11-30T10:05:00Z', user: 'ana', hash: 'h2', ...logged[0]!, details: logged[0]!.details ?? {} };
    const graph = lineageFor(
      { entries: [pull, entry], saved: [], installed: [], productNames: {}, audienceNames: {}, destinationNames: {} },
      { kind: 'export', id: '2' },
    );
    const facts = graph?.nodes.find((n) => n.key === 'export:2')?.facts ?? [];
    expect(facts).toContainEqual({ label: 'Read', value: 'no data product' });
    expect(facts.some((f) => f.value.includes('not recorded'))).toBe(false);
  });
});
