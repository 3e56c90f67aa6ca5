import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Samples the size of DuckDB's temp folder once a second, so the bench can say how much a run
 * spilled to disk under its memory cap (DuckDB deletes the files when an operator finishes).
 */
export function watchSpill(folder: string): { stop: () => void; peakBytes: () => number } {
  let peak = 0;
  const sample = (): void => {
    let bytes = 0;
    try {
      for (const name of readdirSync(folder)) bytes += statSync(join(folder, name)).size;
    } catch {
      // The folder does not exist until DuckDB first spills, and files vanish while listed:
      // both mean "nothing (more) spilled right now".
      return;
    }
    peak = Math.max(peak, bytes);
  };
  const timer = setInterval(sample, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer), peakBytes: () => peak };
}
