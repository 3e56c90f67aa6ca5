import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { AttributionPage } from './pages/attribution-page';
import { analyzeWithCli, dataDirFromApp, savedSpecs } from './support/cli';
import { screenshot } from './support/screenshots';

type Output = { conversions: number; models: Array<{ model: string; channels: Array<{ channel: string; conversions: number; revenue: number }> }> };

test('an attribution comparison built in the UI equals the CLI, reacts to the half-life, and reopens after a reload', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('touchpoints');
  await catalog.pull('conversions');

  const attribution = new AttributionPage(app.page);
  await attribution.open();
  await attribution.page.getByTestId('attr-model-shapley').check();
  await attribution.settled();
  await attribution.save('Purchase: six models');

  const saved = savedSpecs(app.dataDir).find((s) => s.name === 'Purchase: six models');
  expect(saved?.kind).toBe('attribution');
  const cli = analyzeWithCli(dataDirFromApp(app.dataDir, ['touchpoints', 'conversions']), saved!.spec) as Output;
  expect(cli.models.length).toBeGreaterThanOrEqual(4);
  for (const [i, model] of cli.models.entries()) {
    for (const c of model.channels) expect(await attribution.cell(c.channel, i)).toBeCloseTo(c.conversions, 9);
  }
  await screenshot(app.page, 'attribution', true);

  // A shorter half-life moves credit towards the touches just before the conversion.
  const decayIndex = cli.models.findIndex((m) => m.model === 'time_decay');
  const channel = cli.models[decayIndex]!.channels[0]!.channel;
  const before = await attribution.cell(channel, decayIndex);
  await attribution.setHalfLife(1);
  await expect.poll(() => attribution.cell(channel, decayIndex)).not.toBeCloseTo(before, 6);

  await app.page.reload();
  await attribution.open();
  await app.page.getByTestId('attr-saved-open').selectOption({ label: 'Purchase: six models (v1)' });
  await expect(app.page.getByTestId('attr-half-life-value')).toHaveText('7 days');
  await attribution.settled();
  expect(await attribution.cell(channel, decayIndex)).toBeCloseTo(before, 9);
});
