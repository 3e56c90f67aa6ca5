import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Download } from '@playwright/test';
import { DuckDbEngine } from '../main/engine/duckdb-engine';
import { isHeldOut } from '../main/analysis/holdout';
import { CatalogPage } from './pages/catalog-page';
import { AudiencesPage } from './pages/audiences-page';
import { SegmentsPage } from './pages/segments-page';
import { launchChromium, openAs, startMesh, type MeshProcess, type UserSession } from './support/multi-user';
import { screenshot } from './support/screenshots';

// These specs start their own mesh and hosts; under the electron project they would repeat the
// web run exactly, so they run once.
const test = base;
// eslint-disable-next-line no-empty-pattern -- Playwright hooks take fixtures first; these need none.
test.beforeEach(({}, info) => {
  test.skip(info.project.name === 'electron', 'Multi-user journeys run against browser hosts only.');
});

async function api(mesh: MeshProcess, token: string, path: string, body?: unknown) {
  const response = await fetch(`${mesh.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Marketer: pull Customer 360, save a segment "High value" (ltv >= 100). */
async function prepareSegment(user: UserSession) {
  const catalog = new CatalogPage(user.page);
  await catalog.open();
  await catalog.pull('customers');
  await catalog.pull('conversions');
  await new SegmentsPage(user.page).saveAttributeSegment('High value', 'ltv', '>=', '100');
}

/** The consented, non-holdout members, from the pulled extract with plain SQL (not the app's code). */
async function expectedMembers(dataDir: string, salt: string): Promise<string[]> {
  const root = join(dataDir, 'extracts', 'customers');
  const { version } = JSON.parse(readFileSync(join(root, 'current.json'), 'utf8')) as { version: string };
  const dir = join(root, version, 'customers');
  const db = await DuckDbEngine.open();
  try {
    const rows = await db.all<{ id: string }>(
      `SELECT customer_id AS id FROM read_parquet([${readdirSync(dir)
        .map((f) => `'${join(dir, f)}'`)
        .join(',')}]) WHERE ltv >= 100 AND consent_ads AND email IS NOT NULL`,
    );
    return rows
      .map((r) => r.id)
      .filter((id) => !isHeldOut(salt, id, 10))
      .sort();
  } finally {
    db.close();
  }
}

test('marketer builds, exports and submits; approver reviews and rejects with a comment; the resubmission is approved; marketer activates; the mesh sent exactly the consented, non-holdout members', async () => {
  test.setTimeout(240_000);
  const mesh = await startMesh();
  const browser = await launchChromium();
  const marketer = await openAs(browser, mesh, 'marketer');
  const approver = await openAs(browser, mesh, 'approver');
  try {
    await prepareSegment(marketer);
    const audiences = new AudiencesPage(marketer.page);
    await audiences.open();
    await marketer.page.getByTestId('aud-name').fill('High value ads');
    await marketer.page.getByTestId('aud-destination').selectOption('meta_ads');
    await marketer.page.getByTestId('aud-holdout').fill('10');
    await marketer.page.getByTestId('aud-salt').fill('spring-2026');
    const dry = marketer.page.getByTestId('aud-dry-run');
    await expect(marketer.page.getByTestId('aud-holdout-value')).toHaveText('10%');
    await expect(dry).toBeVisible();
    const expected = await expectedMembers(marketer.dataDir, 'spring-2026');
    await expect(dry).toHaveAttribute('data-members', String(expected.length));
    await expect(marketer.page.getByTestId('aud-excl-consent')).not.toHaveText('−0');
    await screenshot(marketer.page, 'audiences', true);

    const downloads: Promise<Download>[] = [
      marketer.page.waitForEvent('download'),
      marketer.page.waitForEvent('download', { predicate: (d) => d.suggestedFilename().endsWith('.json') }),
    ];
    await marketer.page.getByTestId('aud-export').click();
    const [csvFile, manifestFile] = await Promise.all(downloads);
    const csv = readFileSync(await csvFile!.path(), 'utf8');
    const manifest = JSON.parse(readFileSync(await manifestFile!.path(), 'utf8')) as {
      members_file: { sha256: string; rows: number };
      counts: { excluded: { no_consent: number } };
      holdout: { salt: string };
    };
    expect(manifest.members_file.sha256).toBe(createHash('sha256').update(csv).digest('hex'));
    expect(manifest.members_file.rows).toBe(expected.length);
    expect(manifest.counts.excluded.no_consent).toBeGreaterThan(0);
    expect(manifest.holdout.salt).toBe('spring-2026');
    const csvIds = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort();
    expect(csvIds).toEqual(expected);
    expect(csv).not.toMatch(/@/);

    await marketer.page.getByTestId('aud-submit').click();
    await expect(audiences.row('High value ads').getByTestId('audience-status')).toHaveText('pending approval');

    // The approver opens the version's own page from the inbox: the rule in words, the exclusions
    // the marketer's dry run counted, the destination by name and its consent purpose.
    const holdoutCount = await marketer.page.getByTestId('aud-excl-holdout').textContent();
    const consentCount = await marketer.page.getByTestId('aud-excl-consent').textContent();
    const approverPage = new AudiencesPage(approver.page);
    await approverPage.open();
    await expect(approver.page.getByTestId('approval-High value ads')).toContainText('requested by maya.marketer');
    await expect(approver.page.getByTestId('approval-High value ads')).toContainText('Meta Ads custom audience');
    await approver.page.getByTestId('review-High value ads').click();
    const review = approver.page.getByTestId('page-audience-review');
    await expect(review.getByRole('heading', { level: 1 })).toHaveText('High value ads, version 1');
    await expect(approver.page.getByTestId('review-rule')).toHaveText('lifetime value at least $100');
    await expect(approver.page.getByTestId('review-destination')).toHaveText('Meta Ads custom audience');
    await expect(approver.page.getByTestId('review-purpose')).toContainText('consented to ads');
    await expect(approver.page.getByTestId('review-requester')).toHaveText('maya.marketer');
    await expect(approver.page.getByTestId('review-members')).toHaveText(expected.length.toLocaleString('en-US'));
    await expect(approver.page.getByTestId('review-excl-holdout')).toHaveText(holdoutCount!);
    await expect(approver.page.getByTestId('review-excl-consent')).toHaveText(consentCount!);
    await expect(approver.page.getByTestId('review-sha256')).toHaveText(manifest.members_file.sha256);
    await expect(approver.page.getByTestId('review-diff')).toContainText('No earlier version of this audience was approved');
    await screenshot(approver.page, 'approvals', true);

    // Rejected with a comment: a reject needs one.
    await expect(approver.page.getByTestId('review-reject')).toBeDisabled();
    await approver.page.getByTestId('review-comment-input').fill('Exclude customers who bought in the last week');
    await approver.page.getByTestId('review-reject').click();
    await expect(approver.page.getByTestId('review-decision')).toContainText('Rejected by avery.approver');
    await expect(approver.page.getByTestId('review-comment')).toHaveText('Exclude customers who bought in the last week');

    // The marketer sees the rejection and its comment on the list and on the version's page.
    await expect(audiences.row('High value ads').getByTestId('audience-status')).toHaveText('rejected', { timeout: 30_000 });
    await expect(audiences.row('High value ads').getByTestId('rejection-comment')).toContainText('Exclude customers who bought in the last week');
    await audiences.row('High value ads').getByTestId('audience-open').click();
    await expect(marketer.page.getByTestId('review-decision')).toContainText('Rejected by avery.approver');
    await expect(marketer.page.getByTestId('review-comment')).toHaveText('Exclude customers who bought in the last week');
    await expect(marketer.page.getByTestId('review-decide')).toHaveCount(0);
    await marketer.page.getByTestId('review-back').click();

    // Resubmitted (version 2) and approved on its page.
    await marketer.page.getByTestId('aud-name').fill('High value ads');
    await marketer.page.getByTestId('aud-destination').selectOption('meta_ads');
    await marketer.page.getByTestId('aud-holdout').fill('10');
    await marketer.page.getByTestId('aud-salt').fill('spring-2026');
    await expect(dry).toHaveAttribute('data-members', String(expected.length));
    await marketer.page.getByTestId('aud-submit').click();
    await expect(audiences.row('High value ads', 2).getByTestId('audience-status')).toHaveText('pending approval');
    await approver.page.getByTestId('review-back').click();
    // The outbox names the audience, not its id.
    await expect(approver.page.getByTestId('outbox-item').filter({ hasText: 'Reject audience High value ads v1' })).toHaveAttribute('data-state', 'sent');
    await expect(approver.page.getByTestId('approval-High value ads')).toContainText('version 2');
    await approver.page.getByTestId('review-High value ads').click();
    await expect(review.getByRole('heading', { level: 1 })).toHaveText('High value ads, version 2');
    await approver.page.getByTestId('review-comment-input').fill('Fine for the spring campaign');
    await approver.page.getByTestId('review-approve').click();
    await expect(approver.page.getByTestId('review-decision')).toContainText('Approved by avery.approver');
    await approver.page.getByTestId('review-back').click();
    await expect(approverPage.row('High value ads', 2).getByTestId('audience-status')).toHaveText('approved');

    await expect(audiences.row('High value ads', 2).getByTestId('audience-status')).toHaveText('approved', { timeout: 30_000 });
    await marketer.page.getByTestId('activate-High value ads').click();
    await expect(audiences.row('High value ads', 2).getByTestId('activation-status')).toContainText('succeeded', { timeout: 30_000 });

    const list = await api(mesh, mesh.tokens.marketer, '/v1/audiences');
    const audience = (list.json.audiences as Array<{ id: string; name: string }>).find((a) => a.name === 'High value ads')!;
    const state = JSON.parse(readFileSync(join(mesh.stateDir, 'state.json'), 'utf8')) as { activations: Array<{ id: string; audience_id: string }> };
    const activations = state.activations.filter((a) => a.audience_id === audience.id);
    expect(activations).toHaveLength(1);
    const sent = await api(mesh, mesh.tokens.marketer, `/v1/activations/${activations[0]!.id}/members`);
    expect((sent.json.members as Array<{ customer_id: string }>).map((m) => m.customer_id).sort()).toEqual(expected);

    // The holdout is kept with the audience: "Analyse this holdout" opens it as an experiment.
    await marketer.page.getByTestId('analyse-holdout-High value ads').click();
    await expect(marketer.page.getByTestId('exp-control')).toHaveValue('holdout');
    await expect(marketer.page.getByTestId('exp-id')).toHaveValue(`audience_${audience.id}_v2`);
    await expect(marketer.page.getByTestId('exp-row-purchase_rate-treatment')).toContainText(expected.length.toLocaleString('en-US'));
  } finally {
    await marketer.close();
    await approver.close();
    await browser.close();
    await mesh.stop();
  }
});

test('an approver cannot approve their own request, and an activation queued offline is sent once after reconnecting', async () => {
  test.setTimeout(240_000);
  let mesh = await startMesh();
  const browser = await launchChromium();
  const marketer = await openAs(browser, mesh, 'marketer');
  const approver = await openAs(browser, mesh, 'approver');
  try {
    // The approver requests an audience themself: the inbox withholds the button and the mesh refuses.
    const own = await api(mesh, mesh.tokens.approver, '/v1/audiences', {
      name: 'Approver own',
      spec: { kind: 'segment', rule: { all: [] } },
      destination: 'salesforce_crm',
      holdout_pct: 0,
      salt: 's',
      members: [],
    });
    const approverPage = new AudiencesPage(approver.page);
    await approverPage.open();
    await expect(approver.page.getByTestId('own-request-Approver own')).toBeVisible();
    await approver.page.getByTestId('review-Approver own').click();
    await expect(approver.page.getByTestId('review-own-request')).toBeVisible();
    await expect(approver.page.getByTestId('review-approve')).toHaveCount(0);
    await expect(approver.page.getByTestId('review-diff')).toBeVisible();
    const refused = await api(mesh, mesh.tokens.approver, `/v1/audiences/${String(own.json.id)}/versions/${String(own.json.version)}/approve`, {
      comment: 'self',
    });
    expect(refused.status).toBe(403);

    // A marketer's audience, approved by the approver over the API.
    const created = await api(mesh, mesh.tokens.marketer, '/v1/audiences', {
      name: 'Offline test',
      spec: { kind: 'segment', rule: { all: [] } },
      destination: 'salesforce_crm',
      holdout_pct: 0,
      salt: 's',
      members: [],
    });
    await api(mesh, mesh.tokens.approver, `/v1/audiences/${String(created.json.id)}/versions/1/approve`, { comment: 'ok' });
    const audiences = new AudiencesPage(marketer.page);
    await audiences.open();
    await expect(audiences.row('Offline test').getByTestId('audience-status')).toHaveText('approved');

    // The mesh goes away; the activation waits in the outbox.
    const { port, stateDir } = mesh;
    await mesh.stop();
    // The list stays, as last seen: it is kept in the workspace.
    await expect(marketer.page.getByTestId('audiences-last-seen')).toBeVisible({ timeout: 30_000 });
    await expect(audiences.row('Offline test').getByTestId('audience-status')).toHaveText('approved');
    await marketer.page.getByTestId('activate-Offline test').click();
    await expect(marketer.page.getByTestId('outbox-item').filter({ hasText: 'Activate audience' }).first()).toHaveAttribute('data-state', 'queued');
    await expect(marketer.page.getByTestId('online-status')).toContainText('Offline');

    mesh = await startMesh(stateDir, port);
    await expect(marketer.page.getByTestId('outbox-item').filter({ hasText: 'Activate audience' }).first()).toHaveAttribute('data-state', 'sent', {
      timeout: 60_000,
    });
    const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as { activations: Array<{ audience_id: string }> };
    expect(state.activations.filter((a) => a.audience_id === created.json.id)).toHaveLength(1);
  } finally {
    await marketer.close();
    await approver.close();
    await browser.close();
    await mesh.stop();
  }
});
