/**
 * The response model of one channel (docs/planning.md): geometric adstock carries spend over
 * into later weeks, a Hill curve turns adstocked spend into diminishing returns, and a baseline
 * is what the channel's metric would be without spend.
 *
 *   A_w = x_w + decay * A_(w-1)   (A = 0 before the first week of the data)
 *   y_w = base + beta * A_w^shape / (A_w^shape + halfSaturation^shape)
 */
export interface ResponseCurve {
  decay: number;
  shape: number;
  halfSaturation: number;
  base: number;
  beta: number;
}

/** No media effect at all: the channel's metric is its baseline. */
export function flatCurve(base: number): ResponseCurve {
  return { decay: 0, shape: 1, halfSaturation: 1, base, beta: 0 };
}

export function adstock(spend: readonly number[], decay: number): number[] {
  const out = new Array<number>(spend.length);
  let carry = 0;
  for (let i = 0; i < spend.length; i++) {
    carry = (spend[i] ?? 0) + decay * carry;
    out[i] = carry;
  }
  return out;
}

/** a^shape / (a^shape + k^shape), written to stay finite for any a >= 0. */
export function hill(a: number, shape: number, k: number): number {
  if (!(a > 0)) return 0;
  return 1 / (1 + Math.pow(k / a, shape));
}

/** Fitted weekly metric for a spend history (every week, oldest first). */
export function predictWeekly(curve: ResponseCurve, spend: readonly number[]): number[] {
  return adstock(spend, curve.decay).map((a) => curve.base + curve.beta * hill(a, curve.shape, curve.halfSaturation));
}

/**
 * Expected weekly metric above the baseline for a constant weekly spend `s`, once the adstock
 * has settled at s / (1 - decay).
 */
export function steadyMedia(curve: ResponseCurve, s: number): number {
  if (curve.beta === 0 || !(s > 0)) return 0;
  return curve.beta * hill(s / (1 - curve.decay), curve.shape, curve.halfSaturation);
}

/**
 * d steadyMedia / ds: the extra weekly metric per extra unit of weekly spend. At s = 0 it is
 * the limit: infinite for shape < 1 (returned as null), beta / (K (1 - decay)) for shape 1, 0 above.
 */
export function steadyMarginal(curve: ResponseCurve, s: number): number | null {
  if (curve.beta === 0) return 0;
  const scale = 1 / (1 - curve.decay);
  if (!(s > 0)) {
    if (curve.shape < 1) return null;
    return curve.shape === 1 ? (curve.beta * scale) / curve.halfSaturation : 0;
  }
  const a = s * scale;
  const h = hill(a, curve.shape, curve.halfSaturation);
  return (curve.beta * curve.shape * h * (1 - h) * scale) / a;
}
