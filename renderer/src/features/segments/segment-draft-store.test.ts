import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { DRAFT_STORAGE_KEY, createDraftStore, restoreDraft } from './segment-draft-store';

function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('the segment draft kept across reloads', () => {
  it('writes the rule and date, and a new store (a reload) reads them back', () => {
    const storage = memoryStorage();
    const first = createDraftStore(storage);
    first.getState().setRule({ all: [{ attribute: 'country', op: 'in', value: ['US', 'CA'] }, { consent: 'ads' }] });
    first.getState().setAsOf('2026-06-30');
    const reloaded = createDraftStore(storage);
    expect(reloaded.getState().rule).toEqual({ all: [{ attribute: 'country', op: 'in', value: ['US', 'CA'] }, { consent: 'ads' }] });
    expect(reloaded.getState().asOf).toBe('2026-06-30');
  });

  it('keeps the conditions that parse when one is unfinished, and drops a bad date', () => {
    expect(
      restoreDraft({
        rule: {
          all: [
            { event: '', min_count: 1, within_days: 30 },
            { attribute: 'ltv', op: '>=', value: 500 },
          ],
        },
        asOf: 'yesterday',
      }),
    ).toEqual({ rule: { all: [{ attribute: 'ltv', op: '>=', value: 500 }] }, asOf: null });
  });

  it('starts empty from storage that is not a draft (tampered, an old shape, not JSON)', () => {
    expect(restoreDraft({ rule: { drop: 'table' } })).toEqual({ rule: { all: [] }, asOf: null });
    expect(restoreDraft(null)).toEqual({ rule: { all: [] }, asOf: null });
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: '{not json' });
    expect(createDraftStore(storage).getState().rule).toEqual({ all: [] });
    const injected = memoryStorage({
      [DRAFT_STORAGE_KEY]: JSON.stringify({ state: { rule: { all: [{ attribute: 'ltv', op: 'like', value: '%' }] } }, version: 1 }),
    });
    expect(createDraftStore(injected).getState().rule).toEqual({ all: [] });
  });
});
