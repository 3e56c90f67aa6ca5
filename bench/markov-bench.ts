/**
 * `npx tsx bench/markov-bench.ts [--channels 30] [--order 3] [--journeys 200000] [--seed 18] [--no-baseline]`:
 * times one warm Markov run on a deterministic synthetic path set: the transition counts from
 * the cached 4-gram rows (markovTransitions, its gram tables served from memory as a warm cache
 * serves them) and the removal effects of every channel (the chain solved exactly). Prints the
 * figures beside the implementation before issue #18 (bench/markov-baseline.ts) and checks
 * both give the same transitions and the same effects to 1e-11 relative. It never asserts
 * times (docs/benchmarks.md records them).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { markovTransitions, removalEffects } from '../shared/analysis/attribution/markov';
import type { JourneyCache } from '../shared/analysis/attribution/journeys-cache';
import type { QueryEngine } from '../shared/engine';
import { removalEffectsBaseline, transitionsBaseline, type GramRow } from './markov-baseline';
import { medianTime, timed } from './timing';

const argsSchema = z.object({
  channels: z.coerce.number().int().min(2).max(60).default(30),
  order: z.coerce.number().int().min(1).max(3).default(3),
  journeys: z.coerce.number().int().min(1).max(5_000_000).default(200_000),
  seed: z.coerce.number().int().min(1).default(18),
  'no-baseline': z.boolean().default(false),
});

/**
 * The 4-gram rows (three codes before a touch, its code, whether it ends the journey, count)
 * of `journeys` pseudo-random journeys, split into converting and non-converting as the two
 * gram tables hold them. mulberry32 (exact 32-bit arithmetic) makes the same arguments give the
 * same set. Lengths are geometric (mean 4.5); codes lean towards low ones, which also convert
 * more often, so removal effects differ by channel; about a quarter of the journeys convert.
 */
export function syntheticGrams(channels: number, journeys: number, seed: number): { converting: GramRow[]; nonConverting: GramRow[] } {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const converting = new Map<string, GramRow>();
  const nonConverting = new Map<string, GramRow>();
  for (let j = 0; j < journeys; j++) {
    const len = 1 + Math.floor(-Math.log(1 - rnd()) * 3.5);
    const path: number[] = [];
    for (let i = 0; i < len; i++) path.push(Math.floor(rnd() ** 1.3 * channels));
    const low = path.filter((c) => c < channels / 3).length / len;
    const grams = rnd() < 0.1 + 0.4 * low ? converting : nonConverting;
    for (let i = 0; i < len; i++) {
      const g: GramRow = { l3: path[i - 3] ?? null, l2: path[i - 2] ?? null, l1: path[i - 1] ?? null, ch: path[i]!, last: i === len - 1, cnt: 1 };
      const key = `${g.l3},${g.l2},${g.l1},${g.ch},${g.last}`;
      const seen = grams.get(key);
      if (seen) seen.cnt++;
      else grams.set(key, g);
    }
  }
  return { converting: [...converting.values()], nonConverting: [...nonConverting.values()] };
}

/** A warm cache: both gram tables exist, and reading them returns the rows above. */
function cachedGrams(converting: GramRow[], nonConverting: GramRow[]): { db: QueryEngine; cache: JourneyCache } {
  const db: QueryEngine = {
    all: async <T>(text: string) => (text.includes('duckdb_tables') ? [{ n: 1 }] : text.includes('_ncgrams') ? nonConverting : converting) as T[],
    run: async () => {},
  };
  const cache = {
    touch: 'bench_touch',
    source: 'bench_source',
    chan: 'bench_chan',
    conversionType: 'purchase',
    interactions: ['click'],
  } as unknown as JourneyCache;
  return { db, cache };
}

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      channels: { type: 'string' },
      order: { type: 'string' },
      journeys: { type: 'string' },
      seed: { type: 'string' },
      'no-baseline': { type: 'boolean' },
    },
  });
  const args = argsSchema.parse(values);
  const built = await timed(async () => syntheticGrams(args.channels, args.journeys, args.seed));
  const { converting, nonConverting } = built.value;
  const { db, cache } = cachedGrams(converting, nonConverting);
  const run = async () => removalEffects(await markovTransitions(db, cache, args.order));
  const transitions = await markovTransitions(db, cache, args.order);
  const states = new Set(transitions.flatMap((t) => [t.from, t.to])).size - 3;
  process.stdout.write(
    `Markov bench: ${args.channels} channels, order ${args.order}, ${args.journeys.toLocaleString('en-US')} journeys (seed ${args.seed}): ` +
      `${(converting.length + nonConverting.length).toLocaleString('en-US')} gram rows, ${states.toLocaleString('en-US')} channel states, ` +
      `${transitions.length.toLocaleString('en-US')} transitions (data built in ${built.seconds.toFixed(1)} s); ` +
      `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}\n`,
  );
  // The machine may be shared: CPU seconds of this process say what the code costs, wall seconds what a user waits.
  const cpuNow = process.cpuUsage();
  const ours = await medianTime(run);
  const ourCpu = cpuSeconds(cpuNow) / 4;
  const step = await timed(async () => markovTransitions(db, cache, args.order));
  process.stdout.write(
    `one run, now:    ${ours.seconds.toFixed(3)} s wall (median of 3 after a warm-up), ${ourCpu.toFixed(3)} s CPU (mean of the 4); transition counts alone ${step.seconds.toFixed(3)} s wall\n`,
  );
  if (args['no-baseline']) return;
  const cpuOld = process.cpuUsage();
  const before = await timed(async () => removalEffectsBaseline(transitionsBaseline(converting, nonConverting, args.order)));
  const oldCpu = cpuSeconds(cpuOld);
  process.stdout.write(
    `one run, before: ${before.seconds.toFixed(3)} s wall (one run), ${oldCpu.toFixed(3)} s CPU; speed-up ${(before.seconds / ours.seconds).toFixed(1)}x wall, ${(oldCpu / ourCpu).toFixed(1)}x CPU\n`,
  );
  const oldTransitions = transitionsBaseline(converting, nonConverting, args.order);
  if (JSON.stringify(oldTransitions) !== JSON.stringify(transitions)) throw new Error('transition lists differ from the baseline');
  let worst = 0;
  for (const [code, effect] of before.value) worst = Math.max(worst, Math.abs((ours.value.get(code) ?? NaN) - effect) / effect);
  if (!(worst <= 1e-11) || ours.value.size !== before.value.size) throw new Error(`effects differ from the baseline: worst relative difference ${worst}`);
  process.stdout.write(
    `same transitions as before (${transitions.length}), same effects: ${before.value.size} channels, worst relative difference ${worst.toExponential(1)}\n`,
  );
}

if (process.argv[1]?.endsWith('markov-bench.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
