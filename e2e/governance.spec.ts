import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { launchChromium, openAs, startMesh, type MeshProcess } from './support/multi-user';

/** The demo node's admin calls (fault injection, publishing a new version), with its admin token. */
async function admin(mesh: MeshProcess, method: 'PUT' | 'POST', path: string, body?: unknown): Promise<void> {
  const secrets = JSON.parse(readFileSync(join(mesh.stateDir, 'secrets.json'), 'utf8')) as { admin_token: string };
  const res = await fetch(`${mesh.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${secrets.admin_token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
}

test('a failing error-level quality rule refuses the install; the product page shows every rule with its result', async () => {
  test.setTimeout(240_000);
  const mesh = await startMesh();
  const browser = await launchChromium();
  const marketer = await openAs(browser, mesh, 'marketer');
  try {
    const page = marketer.page;
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.pull('customers');
    await expect(page.getByTestId('quality-customers')).toHaveText('Quality passed');
    const first = (await page.getByTestId('cached-customers').textContent()) ?? '';

    // The owner publishes a new version whose data breaks an error-level rule of its contract.
    await admin(mesh, 'PUT', '/admin/faults', { failQuality: ['customers'] });
    await admin(mesh, 'POST', '/admin/products/customers/publish');
    await catalog.open();
    await page.getByTestId('pull-button-customers').click();
    const alert = page.getByTestId('pull-customers').getByRole('alert');
    await expect(alert).toContainText('fails a quality rule of its data contract', { timeout: 60_000 });
    await expect(alert).toContainText('Nothing was installed (the previous version stays in use)');
    // The previous version is still the one on this laptop.
    await expect(page.getByTestId('cached-customers')).toHaveText(first);

    await catalog.openProduct('customers');
    await expect(page.getByTestId('quality-refused')).toContainText('was refused');
    const rules = page.getByTestId('quality-rules');
    await expect(rules.getByTestId('quality-rule-customer_id_unique')).toContainText('customer_id has no duplicates');
    await expect(rules.getByTestId('quality-rule-customer_id_unique')).toContainText('passed');
    await expect(rules.getByTestId('quality-rule-has_rows')).toContainText('At least 1 row');
    await expect(rules.getByTestId('quality-rule-lifecycle_stage_values')).toContainText('lifecycle_stage is one of lead, mql, sql, customer, churned');
    await expect(page.getByTestId('quality-refused-results')).toContainText(/At least \d+ rows \(error\): observed \d+/);
  } finally {
    await marketer.close();
    await browser.close();
    await mesh.stop();
  }
});

test('a new version with a changed contract shows its change log on the product page', async () => {
  test.setTimeout(240_000);
  const mesh = await startMesh();
  const browser = await launchChromium();
  const marketer = await openAs(browser, mesh, 'marketer');
  try {
    const page = marketer.page;
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.pull('customers');
    await catalog.openProduct('customers');
    await expect(page.getByText('No contract changes between the versions pulled to this laptop.')).toBeVisible();

    // The owner drops a column from the contract and relaxes the latency SLA in a new version.
    await admin(mesh, 'PUT', '/admin/faults', { changeContract: ['customers'] });
    await admin(mesh, 'POST', '/admin/products/customers/publish');
    await page.getByTestId('pull-button-customers').click();
    const log = page.getByTestId('change-log');
    await expect(log).toContainText('Column acquisition_channel was removed', { timeout: 60_000 });
    await expect(log).toContainText('SLA latency changed from 24 h to 48 h');
  } finally {
    await marketer.close();
    await browser.close();
    await mesh.stop();
  }
});
