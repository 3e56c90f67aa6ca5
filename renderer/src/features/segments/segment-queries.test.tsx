// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { MeshworkApi } from '../../../../shared/ipc/contract';
import type { RuleNode } from '../../../../shared/specs/segment-rule';
import { ApiProvider, createQueryClient } from '../../api/queries';
import { useSegmentAnswers, useSegmentOverlap, type SegmentQuestion } from './segment-queries';

const RULE: RuleNode = { all: [{ attribute: 'country', op: 'in', value: ['US'] }, { consent: 'ads' }] };
const QUESTION: SegmentQuestion = { rule: RULE, as_of: '2026-06-30T00:00:00Z' };
const META = { id: 'meta_ads', purpose: 'ads', identifier: 'email_sha256' };

/** The analysis calls behind a pretend extract of 10 US customers, 4 with ads consent; `email` is what the preview's e-mail column holds. */
function fakeClient(state: { email: string }) {
  const analysis = {
    segmentCount: vi.fn(async () => ({ count: 4, consent: { email: 3, ads: 4, analytics: 2 } })),
    segmentFunnel: vi.fn(async () => ({
      base: 20,
      steps: [
        { remaining: 10, alone: 10 },
        { remaining: 4, alone: 9 },
      ],
    })),
    segmentPreview: vi.fn(async () => ({ rows: [{ customer_id: 'c_1', email: state.email }], masked: false })),
    segmentMatchRates: vi.fn(async () => ({
      rates: [{ id: 'meta_ads', members: 4, matchable: 3, identifierColumns: ['email_sha256'], consentColumn: 'consent_ads', missing: [] }],
    })),
    segmentOverlap: vi.fn(async ({ segments }: { segments: { name: string }[] }) => ({
      names: segments.map((s) => s.name),
      matrix: [
        [4, 4],
        [4, 10],
      ],
    })),
  };
  return { client: { analysis } as unknown as MeshworkApi, analysis };
}

function wrapper(client: MeshworkApi, queryClient = createQueryClient()) {
  return ({ children }: { children: ReactNode }) => (
    <ApiProvider client={client} queryClient={queryClient}>
      {children}
    </ApiProvider>
  );
}

describe('the Segments screen through the query layer', () => {
  it('asks nothing while the rule is unfinished, then answers the finished rule once', async () => {
    const { client, analysis } = fakeClient({ email: 'x' });
    const hook = renderHook(({ q }: { q: SegmentQuestion | null }) => useSegmentAnswers(q, [META]), {
      wrapper: wrapper(client),
      initialProps: { q: null as SegmentQuestion | null },
    });
    expect(hook.result.current.count).toEqual({ result: null, running: false, error: null });
    hook.rerender({ q: QUESTION });
    await waitFor(() => expect(hook.result.current.count.result?.count).toBe(4));
    await waitFor(() => expect(hook.result.current.funnel.result?.steps.at(-1)?.remaining).toBe(4));
    await waitFor(() => expect(hook.result.current.matchRates.result?.rates[0]?.matchable).toBe(3));
    expect(analysis.segmentCount).toHaveBeenCalledTimes(1);
    expect(analysis.segmentCount).toHaveBeenCalledWith({ rule: RULE, as_of: QUESTION.as_of });
    expect(analysis.segmentMatchRates).toHaveBeenCalledWith({ rule: RULE, as_of: QUESTION.as_of, destinations: [META] });
    expect(hook.result.current.count.running).toBe(false);
  });

  it('refetches the preview when data changes (a re-pull), so it never shows the old extract', async () => {
    const state = { email: 'a'.repeat(64) };
    const { client, analysis } = fakeClient(state);
    const queryClient = createQueryClient();
    const hook = renderHook(() => useSegmentAnswers(QUESTION, []), { wrapper: wrapper(client, queryClient) });
    await waitFor(() => expect(hook.result.current.preview.result?.rows[0]?.email).toBe(state.email));
    // The privacy officer re-pulls Customer 360: the event bridge invalidates the analysis keys.
    state.email = 'ann@example.com';
    await queryClient.invalidateQueries({ queryKey: ['analysis'] });
    await waitFor(() => expect(hook.result.current.preview.result?.rows[0]?.email).toBe('ann@example.com'));
    expect(analysis.segmentPreview).toHaveBeenCalledTimes(2);
    // No destinations: no match-rate call.
    expect(analysis.segmentMatchRates).not.toHaveBeenCalled();
  });

  it('asks for the overlap again when the saved segments change (a save)', async () => {
    const { client, analysis } = fakeClient({ email: 'x' });
    const one = {
      segments: [
        { name: 'This segment', rule: RULE },
        { name: 'US customers', rule: RULE },
      ],
      as_of: QUESTION.as_of,
    };
    const hook = renderHook(({ input }: { input: typeof one | null }) => useSegmentOverlap(input), { wrapper: wrapper(client), initialProps: { input: one } });
    await waitFor(() => expect(hook.result.current.result?.names).toEqual(['This segment', 'US customers']));
    const saved = {
      ...one,
      segments: [
        { name: 'Engaged', rule: RULE },
        { name: 'US customers', rule: RULE },
      ],
    };
    hook.rerender({ input: saved });
    await waitFor(() => expect(hook.result.current.result?.names).toEqual(['Engaged', 'US customers']));
    expect(analysis.segmentOverlap).toHaveBeenCalledTimes(2);
  });
});
