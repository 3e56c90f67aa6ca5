/**
 * "The app stays responsive while long work runs": the engine service the app runs in its own
 * process (main/engine/engine-service.ts), opened on the bench's workspace, runs the seven
 * pinned attribution models cold (the longest analysis a marketer starts) while a pick list is
 * asked for every 250 ms, as a builder screen does. Prints how long the pick lists took to
 * answer, how many progress updates the analysis sent, and the analysis' own time. The app's
 * main process is not involved at all: it only forwards messages.
 */
import { createEngineService } from '../main/engine/engine-service';
import type { EngineResponse } from '../main/engine/engine-protocol';
import type { BenchRow } from './bench-types';
import { SEVEN } from './attribution';
import { timed } from './timing';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export async function benchResponsiveness(workspace: string): Promise<BenchRow[]> {
  let progressUpdates = 0;
  const service = createEngineService({ initialPath: workspace, queryTimeoutMs: 0, onProgress: () => progressUpdates++ });
  let id = 0;
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const answer: EngineResponse = await service.handle({ id: ++id, method, params });
    if (!answer.ok) throw new Error(`${method} failed: ${answer.error.message}`);
    return answer.result;
  };
  try {
    await call('pickers.conversionTypes', {});
    const latencies: number[] = [];
    let running = true;
    const spec = { kind: 'attribution', conversion_type: 'purchase', lookback_days: 30, models: SEVEN };
    const analysis = timed(() => call('analysis.run', { spec })).finally(() => {
      running = false;
    });
    while (running) {
      const started = performance.now();
      await call('pickers.conversionTypes', {});
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const long = await analysis;
    latencies.sort((a, b) => a - b);
    const ms = (v: number): string => `${v.toFixed(0)} ms`;
    return [
      {
        name: 'responsiveness: 7 models cold through the engine service',
        seconds: long.seconds,
        cpuSeconds: long.cpuSeconds,
        note: `${progressUpdates} progress updates`,
      },
      {
        name: 'responsiveness: a pick list meanwhile (median)',
        seconds: quantile(latencies, 0.5) / 1000,
        note: `${latencies.length} asked; 90th percentile ${ms(quantile(latencies, 0.9))}, slowest ${ms(latencies[latencies.length - 1] ?? NaN)}`,
      },
    ];
  } finally {
    // Reopening in memory closes the workspace file now (close() alone lets it go later), so the
    // bench can delete it.
    await service.handle({ id: ++id, method: 'openWorkspace', params: { path: ':memory:' } });
    service.close();
  }
}
