/**
 * `npx tsx bench/markov-bench.ts [--channels 30] [--order 3] [--journeys 200000] [--seed 18] [--no-baseline]`:
 * times one Markov removal-effect run (every channel's removal, the chain solved exactly) on a
 * deterministic synthetic path set, beside the implementation before issue #18
 * (bench/markov-baseline.ts), and checks that both give the same effects to 1e-11 relative.
 * It prints figures and never asserts times (docs/benchmarks.md records them).
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CONVERSION, NULL_STATE, removalEffects, START, type Transition } from '../shared/analysis/attribution/markov';
import { removalEffectsBaseline } from './markov-baseline';
import { medianTime, timed } from './timing';

const argsSchema = z.object({
  channels: z.coerce.number().int().min(2).max(60).default(30),
  order: z.coerce.number().int().min(1).max(3).default(3),
  journeys: z.coerce.number().int().min(1).max(5_000_000).default(200_000),
  seed: z.coerce.number().int().min(1).default(18),
  'no-baseline': z.boolean().default(false),
});

/**
 * Transition counts of `journeys` pseudo-random journeys (mulberry32, so the same arguments give the
 * same set), states named as markovTransitions names them. Lengths are geometric (mean 4);
 * channels are drawn with a mild skew towards low codes, which also convert more often, so
 * removal effects differ by channel; about a third of the journeys convert.
 */
export function syntheticTransitions(channels: number, order: number, journeys: number, seed: number): Transition[] {
  // mulberry32: 32-bit integer arithmetic, so the stream is exact and long (a float LCG is not).
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const counts = new Map<string, number>();
  const add = (from: string, to: string) => counts.set(`${from}\u0000${to}`, (counts.get(`${from}\u0000${to}`) ?? 0) + 1);
  for (let j = 0; j < journeys; j++) {
    const len = 1 + Math.floor(-Math.log(1 - rnd()) * 3.5);
    const path: number[] = [];
    for (let i = 0; i < len; i++) path.push(Math.floor(rnd() ** 1.3 * channels));
    const low = path.filter((c) => c < channels / 3).length / len;
    const converted = rnd() < 0.1 + 0.4 * low;
    let prev = START;
    for (let i = 0; i < len; i++) {
      const state = path.slice(Math.max(0, i + 1 - order), i + 1).join(',');
      add(prev, state);
      prev = state;
    }
    add(prev, converted ? CONVERSION : NULL_STATE);
  }
  return [...counts]
    .map(([key, count]) => {
      const [from, to] = key.split('\u0000') as [string, string];
      return { from, to, count };
    })
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { channels: { type: 'string' }, order: { type: 'string' }, journeys: { type: 'string' }, seed: { type: 'string' }, 'no-baseline': { type: 'boolean' } } });
  const args = argsSchema.parse(values);
  const built = await timed(async () => syntheticTransitions(args.channels, args.order, args.journeys, args.seed));
  const transitions = built.value;
  const states = new Set(transitions.flatMap((t) => [t.from, t.to])).size - 3;
  process.stdout.write(
    `Markov bench: ${args.channels} channels, order ${args.order}, ${args.journeys.toLocaleString('en-US')} journeys (seed ${args.seed}): ` +
      `${states.toLocaleString('en-US')} channel states, ${transitions.length.toLocaleString('en-US')} distinct transitions ` +
      `(built in ${built.seconds.toFixed(1)} s); ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}\n`,
  );
  // The machine may be shared: CPU seconds of this process say what the code costs, wall seconds what a user waits.
  const cpuBefore = process.cpuUsage();
  const ours = await medianTime(async () => removalEffects(transitions));
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(`removal effects, now:    ${ours.seconds.toFixed(3)} s wall (median of 3 after a warm-up), ${((cpu.user + cpu.system) / 4e6).toFixed(3)} s CPU per run (mean of the 4)\n`);
  if (args['no-baseline']) return;
  const cpuBaseline = process.cpuUsage();
  const before = await timed(async () => removalEffectsBaseline(transitions));
  const cpuOld = process.cpuUsage(cpuBaseline);
  process.stdout.write(`removal effects, before: ${before.seconds.toFixed(3)} s wall (one run), ${((cpuOld.user + cpuOld.system) / 1e6).toFixed(3)} s CPU; speed-up ${(before.seconds / ours.seconds).toFixed(1)}x wall\n`);
  let worst = 0;
  for (const [code, effect] of before.value) worst = Math.max(worst, Math.abs((ours.value.get(code) ?? NaN) - effect) / effect);
  if (!(worst <= 1e-11) || ours.value.size !== before.value.size) throw new Error(`effects differ from the baseline: worst relative difference ${worst}`);
  process.stdout.write(`same effects as before: ${before.value.size} channels, worst relative difference ${worst.toExponential(1)}\n`);
}

if (process.argv[1]?.endsWith("markov-bench.ts")) main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
