import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { AttributionPage } from './pages/attribution-page';
import { AudiencesPage } from './pages/audiences-page';
import { SegmentsPage } from './pages/segments-page';
import { launchChromium, openAs, startMesh } from './support/multi-user';
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
  const run = app.page.getByTestId('activity-row').filter({ hasText: 'Ran Attribution' }).first();
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

// eslint-disable-next-line no-empty-pattern -- this journey starts its own mesh and hosts: no app fixture.
test('an activation answers where it came from: its audience version, segment, data, requester and approver', async ({}, info) => {
  test.skip(info.project.name === 'electron', 'Multi-user journeys run against browser hosts only.');
  test.setTimeout(240_000);
  const mesh = await startMesh();
  const browser = await launchChromium();
  const marketer = await openAs(browser, mesh, 'marketer');
  const approver = await openAs(browser, mesh, 'approver');
  try {
    // Marketer: Customer 360, a saved segment, an audience submitted from it.
    const catalog = new CatalogPage(marketer.page);
    await catalog.open();
    await catalog.pull('customers');
    const customers = installed(marketer.dataDir, 'customers');
    await new SegmentsPage(marketer.page).saveAttributeSegment('High value', 'ltv', '>=', '100');
    const audiences = new AudiencesPage(marketer.page);
    await audiences.open();
    await marketer.page.getByTestId('aud-name').fill('Lineage ads');
    await marketer.page.getByTestId('aud-destination').selectOption('meta_ads');
    await expect(marketer.page.getByTestId('aud-dry-run')).toBeVisible();
    await marketer.page.getByTestId('aud-submit').click();
    await expect(audiences.row('Lineage ads').getByTestId('audience-status')).toHaveText('pending approval');

    // Approver, on their own laptop: approves it.
    await new AudiencesPage(approver.page).open();
    await approver.page.getByTestId('review-Lineage ads').click();
    await approver.page.getByTestId('review-comment-input').fill('Fine');
    await approver.page.getByTestId('review-approve').click();
    await expect(approver.page.getByTestId('review-decision')).toContainText('Approved by avery.approver');

    // Marketer: activates, then asks where the activation came from.
    await expect(audiences.row('Lineage ads').getByTestId('audience-status')).toHaveText('approved', { timeout: 30_000 });
    await marketer.page.getByTestId('activate-Lineage ads').click();
    await expect(audiences.row('Lineage ads').getByTestId('activation-status')).toContainText('succeeded', { timeout: 30_000 });
    await audiences.row('Lineage ads').getByTestId('activation-lineage').click();
    await expect(marketer.page.getByRole('heading', { level: 1 })).toHaveText('Lineage of Activation of Lineage ads');
    const node = (kind: string) => marketer.page.locator(`[data-testid="lineage-node"][data-kind="${kind}"]`);
    await expect(node('activation')).toContainText('by maya.marketer');
    await expect(node('audience_version')).toContainText('Lineage ads');
    await expect(node('audience_version')).toContainText('for Meta Ads custom audience');
    await expect(node('audience_version')).toContainText('Requested');
    // The approval happened on the approver's laptop: the mesh says who.
    await expect(node('approval')).toContainText('Approved by avery.approver');
    await expect(node('saved_spec')).toContainText('High value');
    await expect(node('product_version')).toContainText('Customer 360');
    await expect(node('product_version')).toContainText(customers.contractVersion);
    await marketer.page.screenshot({ path: '/tmp/lineage-activation.png', fullPage: true });

    // The approver's log has the decision; the version was built elsewhere, and says so.
    await approver.page.getByTestId('nav-activity').click();
    await approver.page.getByTestId('activity-row').filter({ hasText: 'Approve audience' }).first().getByTestId('activity-lineage').click();
    await expect(approver.page.getByRole('heading', { level: 1 })).toHaveText('Lineage of Lineage ads');
    await expect(approver.page.locator('[data-testid="lineage-node"][data-kind="approval"]')).toContainText('Approved by avery.approver');
    await expect(approver.page.locator('[data-testid="lineage-node"][data-kind="audience_version"]')).toContainText('not on this laptop');
  } finally {
    await marketer.close();
    await approver.close();
    await browser.close();
    await mesh.stop();
  }
});
