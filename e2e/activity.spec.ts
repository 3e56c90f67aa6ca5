import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { AttributionPage } from './pages/attribution-page';
import { screenshot } from './support/screenshots';

test('the activity log records pulls and shows when a line was edited', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('customers');
  await catalog.pull('conversions');
  await app.page.getByTestId('nav-activity').click();
  await expect(app.page.getByTestId('activity-verify')).toHaveAttribute('data-intact', 'true');
  await expect(app.page.getByTestId('activity-row')).toHaveCount(2);
  await expect(app.page.getByTestId('activity-table')).toContainText('Pulled customers');
  await screenshot(app.page, 'activity');

  const file = join(app.dataDir, 'activity.jsonl');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Pulled customers', 'Pulled nothing'));
  await app.page.reload();
  await app.page.getByTestId('nav-activity').click();
  await expect(app.page.getByTestId('activity-verify')).toHaveAttribute('data-intact', 'false');
  await expect(app.page.getByTestId('activity-verify')).toContainText('line 1 was edited');
});

test('settings lists the demo mesh and refuses a mesh URL that is not one', async ({ app }) => {
  await app.page.getByTestId('nav-settings').click();
  await expect(app.page.getByTestId('connection-row')).toContainText('Local demo mesh');
  await expect(app.page.getByTestId('connection-row')).toContainText('maya.marketer');
  await app.page.getByTestId('conn-name').fill('Company mesh');
  await app.page.getByTestId('conn-url').fill('mesh.example.com');
  await app.page.getByTestId('conn-token').fill('secret');
  await app.page.getByTestId('conn-add').click();
  // Said at the URL field, in plain words: no call name, no JSON path, no toast.
  await expect(app.page.getByTestId('conn-url-error')).toHaveText('URL must be an http(s) URL such as https://mesh.example.com.');
  await expect(app.page.getByTestId('conn-url')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.page.getByTestId('toast-error')).toHaveCount(0);
  await screenshot(app.page, 'settings', true);
  // The demo mesh's approver is one click away, and stays chosen.
  await app.page.getByTestId('demo-user-approver').click();
  await expect(app.page.getByTestId('user-chip')).toContainText('avery.approver');
  await app.page.reload();
  await expect(app.page.getByTestId('user-chip')).toContainText('avery.approver');
  expect(readFileSync(join(app.dataDir, 'connections.json'), 'utf8')).not.toContain('secret');
});

test('the activity log groups repeated analysis runs and opens an entry to show its details', async ({ app }) => {
  const catalog = new CatalogPage(app.page);
  await catalog.open();
  await catalog.pull('touchpoints');
  await catalog.pull('conversions');
  const attribution = new AttributionPage(app.page);
  await attribution.open();
  // Each change of the half-life reruns the comparison: three runs in a row.
  await attribution.setHalfLife(3);
  await attribution.settled();
  await attribution.setHalfLife(5);
  await attribution.settled();

  await app.page.getByTestId('nav-activity').click();
  const grouped = app.page.getByTestId('activity-row').filter({ hasText: /Ran Attribution \d+ times/ });
  await expect(grouped).toHaveCount(1);
  const runs = Number(/Ran Attribution (\d+) times/.exec((await grouped.textContent()) ?? '')?.[1]);
  expect(runs).toBeGreaterThanOrEqual(3);
  // Two pulls, one line for all the runs.
  await expect(app.page.getByTestId('activity-row')).toHaveCount(3);
  await grouped.getByTestId('activity-expand').click();
  await expect(app.page.getByTestId('activity-run')).toHaveCount(runs);
  await app.page.getByTestId('activity-run').first().click();
  const details = app.page.getByTestId('activity-details');
  await expect(details).toContainText('Spec hash');
  await expect(details).toContainText('Data versions');
  await expect(details).toContainText('Touchpoints');
  await screenshot(app.page, 'activity-details');
  await grouped.getByTestId('activity-expand').click();
  await expect(app.page.getByTestId('activity-run')).toHaveCount(0);
});

test('after switching to an unreachable mesh the header shows that mesh, offline, and nobody signed in', async ({ app }) => {
  await app.page.getByTestId('nav-settings').click();
  await expect(app.page.getByTestId('user-chip')).toContainText('maya.marketer');
  // Port 9 (discard) on this machine: nothing answers there.
  await app.page.getByTestId('conn-name').fill('Unreachable mesh');
  await app.page.getByTestId('conn-url').fill('http://127.0.0.1:9');
  await app.page.getByTestId('conn-token').fill('mw_marketer_0123456789abcdefghij');
  await app.page.getByTestId('conn-add').click();
  await expect(app.page.getByTestId('mesh-url')).toHaveText('http://127.0.0.1:9');
  await expect(app.page.getByTestId('online-status')).toContainText('Offline');
  await expect(app.page.getByTestId('user-chip')).toHaveCount(0);
  await expect(app.page.getByTestId('user-chip-empty')).toHaveText('Not signed in');
  // Back on the demo mesh, the header follows again.
  await app.page.getByTestId('connection-row').filter({ hasText: 'Local demo mesh' }).getByRole('button', { name: 'Use' }).click();
  await expect(app.page.getByTestId('user-chip')).toContainText('maya.marketer');
  await expect(app.page.getByTestId('online-status')).toHaveText('Online');
});
