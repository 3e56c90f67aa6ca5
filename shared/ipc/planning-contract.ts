import { z } from 'zod';
import { call } from './define';

const point = z.object({ week: z.string(), mean: z.number(), lo: z.number(), hi: z.number() });
const series = z.object({
  points: z.array(point),
  model: z.object({ alpha: z.number(), beta: z.number(), phi: z.number(), gamma: z.number(), period: z.number(), sigma: z.number() }),
  backtest: z.object({ weeks: z.number(), mape: z.number().nullable(), rmse: z.number(), coverage: z.number() }).nullable(),
});

/** The budget planner screen's calls beside `analysis.runSpec` (which runs the budget spec itself). */
export const planningContract = {
  forecast: call(
    'Next weeks of spend, conversions and revenue per channel of Campaign Performance 360, with prediction intervals and a backtest',
    z
      .object({
        horizon: z.number().int().min(1).max(26),
        level: z.number().gt(0).lt(1).optional(),
        channels: z.array(z.string().min(1).max(100)).max(100).optional(),
      })
      .strict(),
    z.object({
      horizon: z.number(),
      level: z.number(),
      last_week: z.string().nullable(),
      channels: z.array(z.object({ channel: z.string(), spend: series, conversions: series, revenue: series })),
    }),
  ),
  churnCalibration: call(
    "Predictive Churn Scores' risk deciles against the churn observed in Customer 360",
    z.object({}).strict(),
    z.object({
      deciles: z.array(
        z.object({
          decile: z.number(),
          customers: z.number(),
          mean_predicted: z.number(),
          observed_rate: z.number(),
          min_predicted: z.number(),
          max_predicted: z.number(),
        }),
      ),
      customers: z.number(),
      model_versions: z.array(z.string()),
    }),
  ),
};
