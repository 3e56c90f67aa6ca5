/**
 * Wall time of `fn` in seconds, with its result, and the CPU time this process spent meanwhile
 * (user + system, DuckDB's worker threads included). On a machine shared with other jobs the
 * wall clock stretches with the load; the CPU time is the figure that carries to an idle machine.
 */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; cpuSeconds: number; value: Awaited<T> }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, value };
}

/**
 * The median of `runs` timed runs after one untimed warm-up, so a cold file cache or a first
 * plan does not decide the figure. The CPU time is that of the median run.
 */
export async function medianTime<T>(fn: () => Promise<T>, runs = 3): Promise<{ seconds: number; cpuSeconds: number; value: Awaited<T> }> {
  let value = await fn();
  const times: { seconds: number; cpuSeconds: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await timed(fn);
    times.push(r);
    value = r.value;
  }
  times.sort((a, b) => a.seconds - b.seconds);
  const median = times[Math.floor(times.length / 2)] ?? { seconds: 0, cpuSeconds: 0 };
  return { ...median, value };
}
