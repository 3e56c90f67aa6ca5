/** Wall time of `fn` in seconds, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: Awaited<T> }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

/**
 * The median of `runs` timed runs after one untimed warm-up, so a cold file cache or a first
 * plan does not decide the figure.
 */
export async function medianTime<T>(fn: () => Promise<T>, runs = 3): Promise<{ seconds: number; value: Awaited<T> }> {
  let value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timed(fn);
    times.push(r.seconds);
    value = r.value;
  }
  times.sort((a, b) => a - b);
  return { seconds: times[Math.floor(times.length / 2)] ?? 0, value };
}
