import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { AudiencesPage } from './pages/audiences-page';
import { CatalogPage } from './pages/catalog-page';
import { SegmentsPage } from './pages/segments-page';
import { launchChromium, openAs, startMesh, type MeshProcess, type UserSession } from './support/multi-user';
import { screenshot } from './support/screenshots';

// A two-process journey (mesh node and browser host) like audiences.spec.ts: it runs once, on the web project.
const test = base;
// eslint-disable-next-line no-empty-pattern -- Playwright hooks take fixtures first; these need none.
test.beforeEach(({}, info) => {
  test.skip(info.project.name === 'electron', 'Multi-user journeys run against browser hosts only.');
});

async function meshApi<T>(mesh: MeshProcess, token: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${mesh.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as T };
}

/** Marketer: pull Customer 360, save "High value" (ltv >= 100), build "Consent ads" for Meta Ads and submit it. */
async function buildAndSubmit(user: UserSession): Promise<number> {
  const catalog = new CatalogPage(user.page);
  await catalog.open();
  await catalog.pull('customers');
  await new SegmentsPage(user.page).saveAttributeSegment('High value', 'ltv', '>=', '100');
  const audiences = new AudiencesPage(user.page);
  await audiences.open();
  await user.page.getByTestId('aud-name').fill('Consent ads');
  await user.page.getByTestId('aud-destination').selectOption('meta_ads');
  await user.page.getByTestId('aud-salt').fill('consent-2026');
  const dry = user.page.getByTestId('aud-dry-run');
  await expect(dry).toBeVisible();
  await expect(user.page.getByTestId('aud-consent-stale')).toHaveCount(0);
  const members = Number(await dry.getAttribute('data-members'));
  expect(members).toBeGreaterThan(100);
  await user.page.getByTestId('aud-submit').click();
  await expect(audiences.row('Consent ads').getByTestId('audience-status')).toHaveText('pending approval');
  return members;
}

test('a consent withdrawal between approval and activation: the mesh refuses the stale list, and after a refresh the withdrawn are left out', async () => {
  test.setTimeout(240_000);
  const mesh = await startMesh();
  const browser = await launchChromium();
  const marketer = await openAs(browser, mesh, 'marketer');
  const approver = await openAs(browser, mesh, 'approver');
  try {
    const built = await buildAndSubmit(marketer);

    // The approver signs it off on its page, which says what it was built on.
    const approverAudiences = new AudiencesPage(approver.page);
    await approverAudiences.open();
    await approver.page.getByTestId('review-Consent ads').click();
    await expect(approver.page.getByTestId('review-consent-built-on')).toContainText('Customer 360 2026-10-31.1');
    await approver.page.getByTestId('review-approve').click();
    await expect(approver.page.getByTestId('review-decision')).toContainText('Approved by avery.approver');

    // Between approval and activation, 9 of its members withdraw consent for ads at the mesh.
    const list = await meshApi<{ audiences: Array<{ id: string; name: string; version: number }> }>(mesh, mesh.tokens.marketer, '/v1/audiences');
    const audience = list.json.audiences.find((a) => a.name === 'Consent ads')!;
    const approved = await meshApi<{ members: Array<{ customer_id: string }> }>(mesh, mesh.tokens.marketer, `/v1/audiences/${audience.id}/versions/1/members`);
    expect(approved.json.members).toHaveLength(built);
    const withdrawn = approved.json.members.slice(0, 9).map((m) => m.customer_id);
    const { admin_token } = JSON.parse(readFileSync(join(mesh.stateDir, 'secrets.json'), 'utf8')) as { admin_token: string };
    const withdrawal = await meshApi<{ withdrawn: number; version: string }>(mesh, admin_token, '/admin/consent-withdrawals', {
      customer_ids: withdrawn,
      purpose: 'ads',
    });
    expect(withdrawal.json).toMatchObject({ withdrawn: 9, version: '2026-10-31.2' });

    // (a) Activating without a re-pull: this laptop still thinks they consent, so the list holds
    // them and the mesh refuses it, naming how many; the page explains and offers the refresh.
    const audiences = new AudiencesPage(marketer.page);
    await audiences.open();
    await expect(audiences.row('Consent ads').getByTestId('audience-status')).toHaveText('approved', { timeout: 30_000 });
    await audiences.row('Consent ads').getByTestId('audience-open').click();
    await expect(marketer.page.getByTestId('review-consent-removed')).toHaveAttribute('data-removed', '0');
    await marketer.page.getByTestId('review-activate').click();
    const refusal = marketer.page.getByTestId('review-activate-error');
    await expect(refusal).toContainText(
      'The mesh refused: 9 customers in this list have withdrawn consent for advertising since Customer 360 was pulled. Refresh Customer 360 and activate again',
    );
    await expect(refusal).toHaveAttribute('data-code', 'consent_withdrawn');
    await marketer.page.screenshot({ path: '/tmp/consent-refused.png', fullPage: true });
    const stateFile = join(mesh.stateDir, 'state.json');
    const activationsOf = () =>
      (JSON.parse(readFileSync(stateFile, 'utf8')) as { activations: Array<{ id: string; audience_id: string }> }).activations.filter(
        (a) => a.audience_id === audience.id,
      );
    expect(activationsOf()).toHaveLength(0);

    // (b) Refresh Customer 360 from the refusal: the page re-checks against version .2 and shows the 9.
    await marketer.page.getByTestId('review-activate-refresh').click();
    await expect(marketer.page.getByTestId('review-consent-checked')).toContainText('Customer 360 2026-10-31.2', { timeout: 60_000 });
    await expect(marketer.page.getByTestId('review-consent-removed')).toHaveAttribute('data-removed', '9');
    await expect(marketer.page.getByTestId('review-consent-removed')).toHaveText('9 members removed because consent changed since this version was built.');
    await expect(marketer.page.getByTestId('review-consent-built-on')).toContainText('Customer 360 2026-10-31.1');
    await screenshot(marketer.page, 'consent', true);
    await marketer.page.screenshot({ path: '/tmp/consent-review.png', fullPage: true });

    // The dry run of the same audience says it too, against approved version 1.
    await marketer.page.getByTestId('review-back').click();
    await marketer.page.getByTestId('aud-name').fill('Consent ads');
    await marketer.page.getByTestId('aud-destination').selectOption('meta_ads');
    await marketer.page.getByTestId('aud-salt').fill('consent-2026');
    await expect(marketer.page.getByTestId('aud-consent-removed')).toHaveAttribute('data-removed', '9');
    await expect(marketer.page.getByTestId('aud-consent-removed')).toContainText('9 members removed because consent changed since version 1 was built');
    await expect(marketer.page.getByTestId('aud-dry-run')).toHaveAttribute('data-members', String(built - 9));
    await marketer.page.screenshot({ path: '/tmp/consent-dry-run.png', fullPage: true });

    // Activation now succeeds, without them.
    await audiences.row('Consent ads').getByTestId('audience-open').click();
    await marketer.page.getByTestId('review-activate').click();
    await expect(marketer.page.getByTestId('review-activate-done')).toContainText('9 removed because consent changed since it was built');
    await expect(marketer.page.getByTestId('review-activate-error')).toHaveCount(0);
    const activations = activationsOf();
    expect(activations).toHaveLength(1);
    const sent = await meshApi<{ members: Array<{ customer_id: string }> }>(mesh, mesh.tokens.marketer, `/v1/activations/${activations[0]!.id}/members`);
    const sentIds = sent.json.members.map((m) => m.customer_id);
    expect(sentIds).toHaveLength(built - 9);
    expect(sentIds.filter((id) => withdrawn.includes(id))).toEqual([]);

    // The activity log's activation entry records the re-check.
    const activity = readFileSync(join(marketer.dataDir, 'activity.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; details: { consent?: { removed: number; built_on: string; checked_against: string } } });
    expect(activity.find((e) => e.action === 'activate')?.details.consent).toMatchObject({
      removed: 9,
      built_on: '2026-10-31.1',
      checked_against: '2026-10-31.2',
    });
  } finally {
    await marketer.close();
    await approver.close();
    await browser.close();
    await mesh.stop();
  }
});

test("consent older than Customer 360's SLA cannot be submitted until Customer 360 is refreshed", async () => {
  test.setTimeout(180_000);
  const mesh = await startMesh();
  const browser = await launchChromium();
  const marketer = await openAs(browser, mesh, 'marketer');
  try {
    const catalog = new CatalogPage(marketer.page);
    await catalog.open();
    await catalog.pull('customers');
    // The pulled extract as if the mesh had last updated it 3 days ago (its SLA is 24 hours).
    const root = join(marketer.dataDir, 'extracts', 'customers');
    const { version } = JSON.parse(readFileSync(join(root, 'current.json'), 'utf8')) as { version: string };
    const metaFile = join(root, version, 'meta.json');
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(metaFile, JSON.stringify({ ...meta, updatedAt: new Date(Date.now() - 72 * 3_600_000).toISOString() }));

    await new SegmentsPage(marketer.page).saveAttributeSegment('High value', 'ltv', '>=', '100');
    const audiences = new AudiencesPage(marketer.page);
    await audiences.open();
    await marketer.page.getByTestId('aud-name').fill('Stale ads');
    await marketer.page.getByTestId('aud-destination').selectOption('meta_ads');
    const stale = marketer.page.getByTestId('aud-consent-stale');
    await expect(stale).toContainText(
      `This audience cannot be submitted: its consent comes from Customer 360 ${version}, which the mesh updated 3 days ago, longer ago than the 24-hour freshness promise`,
    );
    await expect(marketer.page.getByTestId('aud-submit')).toBeDisabled();
    await marketer.page.screenshot({ path: '/tmp/consent-stale.png', fullPage: true });

    // The domain team publishes a fresh Customer 360; Refresh pulls it and the dry run runs again on it.
    const { admin_token } = JSON.parse(readFileSync(join(mesh.stateDir, 'secrets.json'), 'utf8')) as { admin_token: string };
    expect((await meshApi(mesh, admin_token, '/admin/products/customers/publish', {})).status).toBe(200);
    await stale.getByTestId('refresh-customer-360').click();
    await expect(stale).toHaveCount(0, { timeout: 60_000 });
    await expect(marketer.page.getByTestId('aud-submit')).toBeEnabled();
    await marketer.page.getByTestId('aud-submit').click();
    await expect(audiences.row('Stale ads').getByTestId('audience-status')).toHaveText('pending approval');
  } finally {
    await marketer.close();
    await browser.close();
    await mesh.stop();
  }
});
