import type { QueryEngine } from '../../engine';
import { SpecError } from '../../specs/spec-error';
import { normalQuantile } from '../../stats/distributions';
import { loadWeeklySeries } from '../budget/run-budget';
import { fitEts, forecastEts, type EtsModel } from './ets';

/**
 * Channel forecast (a project addition beside SPEC section 10, docs/planning.md "Channel
 * forecast"): the next `horizon` ISO weeks of spend, conversions and revenue per channel of
 * campaign_performance, each series forecast by exponential smoothing (ets.ts) from its
 * complete weeks, with a prediction interval and a backtest on held-out weeks.
 */
export interface ForecastOptions {
  /** weeks ahead, 1..26 (4 to 12 is what the data supports best) */
  horizon: number;
  /** prediction interval level, default 0.95 */
  level?: number;
  /** season length in weeks, used only with two full seasons of data; default 52 */
  period?: number;
  /** channels to forecast; all channels in the data when absent */
  channels?: readonly string[];
}

export interface ForecastPoint {
  /** Monday of the forecast week */
  week: string;
  mean: number;
  lo: number;
  hi: number;
}

export interface SeriesForecast {
  points: ForecastPoint[];
  model: Pick<EtsModel, 'alpha' | 'beta' | 'phi' | 'gamma' | 'period'> & { sigma: number };
  /** the same method fitted without the last `weeks` complete weeks and scored on them; null with too little data */
  backtest: { weeks: number; mape: number | null; rmse: number; coverage: number } | null;
}

export interface ChannelForecast {
  channel: string;
  spend: SeriesForecast;
  conversions: SeriesForecast;
  revenue: SeriesForecast;
}

export interface ForecastResult {
  horizon: number;
  level: number;
  /** the last complete week the forecasts start after */
  last_week: string | null;
  channels: ChannelForecast[];
}

/** Weeks needed to fit anything: a level and a trend. */
const MIN_WEEKS = 4;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Forecast of one weekly series; values below 0 (spend and outcomes cannot be) are cut at 0. */
export function forecastSeries(y: readonly number[], horizon: number, z: number, period: number, firstWeek: string): Omit<SeriesForecast, 'backtest'> {
  const model = fitEts(y, period);
  const f = forecastEts(model, horizon);
  return {
    points: f.mean.map((m, i) => ({
      week: addDays(firstWeek, 7 * i),
      mean: Math.max(0, m),
      lo: Math.max(0, m - z * (f.sd[i] as number)),
      hi: Math.max(0, m + z * (f.sd[i] as number)),
    })),
    model: { alpha: model.alpha, beta: model.beta, phi: model.phi, gamma: model.gamma, period: model.period, sigma: Math.sqrt(model.sigma2) },
  };
}

/**
 * Holds out the last min(horizon, a quarter of the weeks) weeks, forecasts them from the rest
 * and scores the forecast: MAPE over weeks with y != 0, RMSE, and the share of held-out weeks
 * inside the prediction interval.
 */
export function backtestSeries(y: readonly number[], horizon: number, z: number, period: number): SeriesForecast['backtest'] {
  const held = Math.min(horizon, Math.floor(y.length / 4));
  if (held < 1 || y.length - held < MIN_WEEKS) return null;
  const train = y.slice(0, y.length - held);
  const actual = y.slice(y.length - held);
  const f = forecastSeries(train, held, z, period, '1970-01-05').points;
  const ape = actual.flatMap((v, i) => (v !== 0 ? [Math.abs(v - f[i]!.mean) / Math.abs(v)] : []));
  const sq = actual.reduce((s, v, i) => s + (v - f[i]!.mean) ** 2, 0);
  const inside = actual.filter((v, i) => v >= f[i]!.lo && v <= f[i]!.hi).length;
  return { weeks: held, mape: ape.length > 0 ? ape.reduce((s, v) => s + v, 0) / ape.length : null, rmse: Math.sqrt(sq / held), coverage: inside / held };
}

export async function forecastChannels(db: QueryEngine, opts: ForecastOptions): Promise<ForecastResult> {
  if (!Number.isInteger(opts.horizon) || opts.horizon < 1 || opts.horizon > 26)
    throw new SpecError('invalid_spec', 'horizon must be a whole number of weeks, 1..26', 'horizon');
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new SpecError('invalid_spec', 'level must be between 0 and 1', 'level');
  const period = opts.period ?? 52;
  const z = normalQuantile(1 - (1 - level) / 2);
  const conv = await loadWeeklySeries(db, { metric: 'conversions' });
  const rev = await loadWeeklySeries(db, { metric: 'revenue' });
  const complete = conv.complete.flatMap((c, i) => (c ? [i] : []));
  const known = [...conv.channels.keys()].sort();
  const names = opts.channels ?? known;
  names.forEach((c, i) => {
    if (!conv.channels.has(c))
      throw new SpecError(
        'unknown_channel',
        `channels[${i}] "${c}" is not a channel in campaign_performance; its channels are ${known.join(', ') || 'none'}`,
        `channels[${i}]`,
      );
  });
  if (complete.length < MIN_WEEKS) {
    throw new SpecError(
      'insufficient_data',
      `campaign_performance holds ${complete.length} complete ISO week(s); a forecast needs at least ${MIN_WEEKS}`,
      'horizon',
    );
  }
  // Only the first and the last week can be partial, so the complete weeks are consecutive; a
  // partial week after the last complete one is forecast like the weeks after it.
  const series = complete;
  const lastWeek = conv.weeks[complete[complete.length - 1] as number] as string;
  const firstWeek = addDays(lastWeek, 7);
  const one = (values: readonly number[]): SeriesForecast => {
    const y = series.map((i) => values[i] as number);
    return { ...forecastSeries(y, opts.horizon, z, period, firstWeek), backtest: backtestSeries(y, opts.horizon, z, period) };
  };
  return {
    horizon: opts.horizon,
    level,
    last_week: lastWeek,
    channels: names.map((channel) => {
      const c = conv.channels.get(channel) as { spend: number[]; metric: number[] };
      const r = rev.channels.get(channel) as { spend: number[]; metric: number[] };
      return { channel, spend: one(c.spend), conversions: one(c.metric), revenue: one(r.metric) };
    }),
  };
}
