/**
 * Exponential smoothing with additive errors, a damped additive trend and an optional additive
 * season: ETS(A,Ad,A), or ETS(A,Ad,N) without a season (Hyndman, Koehler, Ord and Snyder 2008,
 * "Forecasting with Exponential Smoothing: The State Space Approach"; Hyndman and
 * Athanasopoulos, "Forecasting: Principles and Practice", chapter 8). Holt-Winters in its
 * state-space form:
 *
 *   y_t = l_(t-1) + phi b_(t-1) + s_(t-m) + e_t
 *   l_t = l_(t-1) + phi b_(t-1) + alpha e_t
 *   b_t = phi b_(t-1) + beta e_t
 *   s_t = s_(t-m) + gamma e_t
 *
 * Parameters are chosen on a grid by the sum of squared one-step errors. The h-step forecast
 * variance is sigma^2 (1 + sum_(j=1..h-1) c_j^2), c_j = alpha + beta (phi + ... + phi^j)
 * + gamma [j mod m = 0], with sigma^2 the mean squared one-step error.
 */
export interface EtsModel {
  alpha: number;
  beta: number;
  phi: number;
  gamma: number;
  /** season length in weeks, 0 without a season */
  period: number;
  /** mean squared one-step error over the fitted weeks */
  sigma2: number;
  level: number;
  trend: number;
  /** the last `period` seasonal states, oldest first */
  season: number[];
}

export interface EtsForecast {
  mean: number[];
  /** standard deviation of the h-step forecast error, h = 1.. */
  sd: number[];
}

const ALPHAS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];
const BETAS = [0, 0.01, 0.03, 0.1, 0.2];
const PHIS = [0.8, 0.9, 0.95, 0.98, 1];
const GAMMAS = [0, 0.05, 0.1, 0.2, 0.3];

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Initial states "before" the first fitted week, so a perfect linear (and seasonal) series has
 * zero one-step errors: without a season, the trend of the first four weeks and the level one
 * trend step before the first week; with one, the trend between the first two seasons, the
 * level at the end of the first season and the first season's deviations from that line.
 */
function initialStates(y: readonly number[], period: number): { level: number; trend: number; season: number[] } {
  if (period > 0) {
    const first = y.slice(0, period);
    const second = y.slice(period, 2 * period);
    const centre = mean(first);
    const trend = (mean(second) - centre) / period;
    const mid = (period - 1) / 2;
    return { level: centre + trend * mid, trend, season: first.map((v, i) => v - (centre + trend * (i - mid))) };
  }
  const span = Math.min(3, y.length - 1);
  const trend = span > 0 ? ((y[span] as number) - (y[0] as number)) / span : 0;
  return { level: (y[0] ?? 0) - trend, trend, season: [] };
}

interface Run {
  sse: number;
  level: number;
  trend: number;
  season: number[];
}

function run(y: readonly number[], period: number, alpha: number, beta: number, phi: number, gamma: number): Run {
  const init = initialStates(y, period);
  let level = init.level;
  let trend = init.trend;
  const season = [...init.season];
  let sse = 0;
  // with a season, the first season only initialises the states
  for (let t = period; t < y.length; t++) {
    const s = period > 0 ? (season[t % period] as number) : 0;
    const e = (y[t] as number) - (level + phi * trend + s);
    sse += e * e;
    const prevLevel = level;
    level = prevLevel + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
    if (period > 0) season[t % period] = s + gamma * e;
  }
  // seasonal states in calendar order: the one for the next week first
  const ordered = period > 0 ? Array.from({ length: period }, (_, i) => season[(y.length + i) % period] as number) : [];
  return { sse, level, trend, season: ordered };
}

/**
 * Fits the model to a weekly series. `period` > 0 adds a season of that many weeks when the
 * series holds at least two full seasons; otherwise the model has none.
 */
export function fitEts(y: readonly number[], period = 0): EtsModel {
  const m = period > 1 && y.length >= 2 * period ? period : 0;
  const steps = y.length - m;
  let best: (Run & { alpha: number; beta: number; phi: number; gamma: number }) | null = null;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      if (beta > alpha) continue;
      for (const phi of PHIS) {
        for (const gamma of m > 0 ? GAMMAS : [0]) {
          if (gamma > 1 - alpha) continue;
          const r = run(y, m, alpha, beta, phi, gamma);
          if (best === null || r.sse < best.sse - 1e-12 * Math.max(1, best.sse)) best = { ...r, alpha, beta, phi, gamma };
        }
      }
    }
  }
  const b = best as NonNullable<typeof best>;
  return {
    alpha: b.alpha,
    beta: b.beta,
    phi: b.phi,
    gamma: b.gamma,
    period: m,
    sigma2: steps > 0 ? b.sse / steps : 0,
    level: b.level,
    trend: b.trend,
    season: b.season,
  };
}

export function forecastEts(model: EtsModel, horizon: number): EtsForecast {
  const meanOut: number[] = [];
  const sd: number[] = [];
  let damp = 0;
  let varSum = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += Math.pow(model.phi, h);
    const s = model.period > 0 ? (model.season[(h - 1) % model.period] as number) : 0;
    meanOut.push(model.level + damp * model.trend + s);
    if (h > 1) {
      const j = h - 1;
      let dampJ = 0;
      for (let i = 1; i <= j; i++) dampJ += Math.pow(model.phi, i);
      const c = model.alpha + model.beta * dampJ + (model.period > 0 && j % model.period === 0 ? model.gamma : 0);
      varSum += c * c;
    }
    sd.push(Math.sqrt(model.sigma2 * (1 + varSum)));
  }
  return { mean: meanOut, sd };
}
