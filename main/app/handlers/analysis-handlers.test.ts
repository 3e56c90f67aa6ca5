/**
 * A run whose activity-log line cannot be written still returns its result, but the gap in the
 * audit trail is logged and shown in the jobs tray instead of being swallowed.
 */
import type { SegmentSpecInput } from '../../../shared/specs/index';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging } from '../../logging/logger';
import type { AppContext } from '../app-context';
import { AppEvents } from '../app-events';
import type { AppServices } from '../app-services';
import { JobTracker } from '../job-tracker';
import { WorkspaceStore } from '../workspace-store';
import { createAnalysisHandlers, analysisRunSummary } from './analysis-handlers';

const SPEC: SegmentSpecInput = { kind: 'segment', as_of: '2026-06-30T00:00:00Z', include_members: false, rule: { all: [] } };

function context(logActivity: () => Promise<void>): AppContext {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-analysis-'));
  const events = new AppEvents();
  // Only what runSpec reaches: the loaded products, the engine's analysis.run and the audit call.
  const services = {
    loadedProducts: () => [{ id: 'customers', version: 'v1', rows: 3 }],
    // The engine's typed call(): only 'analysis.run' is reached for a segment spec.
    engine: {
      call: async (method: string) => {
        if (method !== 'analysis.run') throw new Error(`unexpected engine call ${method}`);
        return { kind: 'segment', count: 3 };
      },
    },
    // The cached version's meta.json gives the contract version the run records as read.
    mesh: { logActivity, cache: { meta: async () => ({ contractVersion: '1.4.0' }) } },
  } as unknown as AppServices;
  return {
    host: { kind: 'web', version: 'test', dataDir, openExternal: async () => false },
    events,
    workspace: new WorkspaceStore(dataDir),
    jobs: new JobTracker(events),
    services,
  };
}

afterEach(() => configureLogging({ kind: 'silent' }));

describe('analysis.runSpec and the activity log', () => {
  it('records the run when the activity log accepts it, with no job reported', async () => {
    const entries: unknown[] = [];
    const ctx = context(async (entry?: unknown) => void entries.push(entry));
    const { result } = await createAnalysisHandlers(ctx).runSpec({ spec: SPEC });
    expect(result).toEqual({ kind: 'segment', count: 3 });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'analysis',
        details: expect.objectContaining({
          kind: 'segment',
          dataVersions: { customers: 'v1' },
          reads: [{ product: 'customers', version: 'v1', contractVersion: '1.4.0' }],
        }),
      }),
    ]);
    expect(ctx.jobs.list()).toEqual([]);
  });

  it('returns the result, logs the failure and shows it as a failed job when the log cannot be written', async () => {
    const lines: string[] = [];
    configureLogging({ kind: 'stream', stream: new Writable({ write: (chunk: Buffer, _e, done) => void (lines.push(chunk.toString()), done()) }) });
    const ctx = context(async () => {
      throw new Error('EACCES: permission denied, open activity.jsonl');
    });
    const { result } = await createAnalysisHandlers(ctx).runSpec({ spec: SPEC });
    expect(result).toEqual({ kind: 'segment', count: 3 });
    expect(ctx.jobs.list()).toEqual([expect.objectContaining({ kind: 'analysis', state: 'failed', error: 'EACCES: permission denied, open activity.jsonl' })]);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; module: string; msg: string; err: { message: string } });
    expect(logged).toEqual([
      expect.objectContaining({
        level: 50,
        module: 'analysis-handlers',
        msg: 'could not write an analysis run to the activity log',
        err: expect.objectContaining({ message: 'EACCES: permission denied, open activity.jsonl' }),
      }),
    ]);
  });
});

describe('the activity line of a run', () => {
  it('reads as English, with the right article', () => {
    expect(analysisRunSummary('attribution')).toBe('Ran an attribution analysis');
    expect(analysisRunSummary('experiment')).toBe('Ran an experiment analysis');
    expect(analysisRunSummary('geo_experiment')).toBe('Ran a geo experiment analysis');
  });
});
