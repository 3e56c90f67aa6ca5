import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { AttributionPage } from './pages/attribution-page';
import { screenshot } from './support/screenshots';

/** The version and contract version of a product as the pull installed it (the extract cache's meta.json). */
function installed(dataDir: string, product: string): { version: string; contractVersion: string } {
  const root = join(dataDir, 'extracts', product);
  const { version } = JSON.parse(readFileSync(join(root, 'current.json'), 'utf8')) as { version: string };
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const meta = JSON.parse(readFileSync(join(root, dir.name, 'meta.json'), 'utf8')) as { version: string; contractVersion: string };
    if (meta.version === version) return meta;
  }
  throw new Error(`no installed version of ${product}`);
}

test('an analysis run answers where it came from, a product version what it fed, and both export as OpenLineage', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('touchpoints');
  await catalog.pull('conversions');
  const touchpoints = installed(app.dataDir, 'touchpoints');

  // The attribution screen runs its comparison as it opens; saving it names the spec the run ran.
  const attribution = new AttributionPage(app.page);
  await attribution.open();
  await attribution.save('Spring attribution');

  // From the activity log: the run's lineage.
  await app.page.getByTestId('nav-activity').click();
  const run = app.page.getByTestId('activity-row').filter({ hasText: 'Ran a attribution analysis' }).first();
  await run.getByTestId('activity-lineage').click();
  await expect(app.page.getByTestId('page-lineage')).toBeVisible();
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText('Lineage of Attribution run');
  const focus = app.page.locator('[data-testid="lineage-node"][data-focus="true"]');
  await expect(focus).toContainText('Run');
  await expect(focus).toContainText('by maya.marketer');
  await expect(focus).toContainText('Ran the spec "Spring attribution"');
  const tp = app.page.locator('[data-testid="lineage-node"][data-kind="product_version"]').filter({ hasText: 'Touchpoints' });
  await expect(tp).toContainText(`version ${touchpoints.version}`);
  await expect(tp).toContainText(touchpoints.contractVersion);
  await expect(tp).toContainText(/Quality passed|quality warning/);
  await expect(app.page.locator('[data-testid="lineage-node"][data-kind="saved_spec"]')).toContainText('Spring attribution');
  await expect(app.page.getByTestId('lineage-summary')).toContainText('It read 2 product versions.');
  await screenshot(app.page, 'lineage', true);
  await app.page.screenshot({ path: '/tmp/lineage-run.png', fullPage: true });

  // Download the OpenLineage JSON and read it as a catalog would.
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('lineage-openlineage').click()]);
  expect(download.suggestedFilename()).toMatch(/^meshwork-lineage-analysis-\d+\.openlineage\.json$/);
  const events = JSON.parse(readFileSync(await download.path(), 'utf8')) as Array<{
    eventType: string;
    eventTime: string;
    schemaURL: string;
    producer: string;
    run: { runId: string };
    job: { namespace: string; name: string };
    inputs: Array<{ namespace: string; name: string; facets: { version?: { datasetVersion: string }; schema?: { fields: Array<{ name: string }> } } }>;
  }>;
  expect(events.length).toBeGreaterThanOrEqual(1);
  const event = events[0]!;
  expect(event).toMatchObject({
    eventType: 'COMPLETE',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    job: { namespace: 'meshwork' },
  });
  expect(event.run.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const input = event.inputs.find((i) => i.name === 'touchpoints');
  expect(input?.namespace).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  expect(input?.facets.version?.datasetVersion).toBe(touchpoints.version);
  expect(input?.facets.schema?.fields.map((f) => f.name)).toContain('channel');

  // From the product page, forward: what this version of Touchpoints fed.
  await catalog.open();
  await catalog.openProduct('touchpoints');
  await app.page.getByTestId('versions').getByTestId('version-used-by').first().click();
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText('Lineage of Touchpoints');
  await expect(app.page.getByTestId('lineage-summary')).toContainText(/Used directly by \d+ analysis runs?\./);
  await expect(app.page.locator('[data-testid="lineage-node"][data-kind="analysis"]').first()).toContainText('Attribution run');
  // The forward view leaves out the other products those runs read.
  await expect(app.page.locator('[data-testid="lineage-node"][data-kind="product_version"]')).toHaveCount(1);
  await app.page.screenshot({ path: '/tmp/lineage-product.png', fullPage: true });

  // The saved analysis opens the same lineage from its own screen.
  await attribution.open();
  await app.page.getByTestId('attr-saved-open').selectOption({ label: 'Spring attribution (v1)' });
  await app.page.getByTestId('attr-saved-lineage').click();
  await expect(app.page.getByRole('heading', { level: 1 })).toHaveText('Lineage of Spring attribution');
  await expect(app.page.locator('[data-testid="lineage-node"][data-kind="analysis"]').first()).toBeVisible();
});
