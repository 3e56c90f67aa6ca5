import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { launchChromium, startMesh, type MeshProcess } from './support/multi-user';
import { startWebHostProcess, type RunningProcess } from './support/web-host-process';

/** The mesh's audit trail, read with the node's admin token. */
async function trail(mesh: MeshProcess): Promise<Array<{ id: string; actor: string; action: string; subject: string }>> {
  const secrets = JSON.parse(readFileSync(join(mesh.stateDir, 'secrets.json'), 'utf8')) as { admin_token: string };
  const res = await fetch(`${mesh.url}/v1/audit`, { headers: { authorization: `Bearer ${secrets.admin_token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Array<{ id: string; actor: string; action: string; subject: string }> }).entries;
}

/** The marketer's browser host on a workspace that outlives it (restarted to move its clock). */
async function openWorkspace(browser: Browser, mesh: MeshProcess, dataDir: string): Promise<{ page: Page; host: RunningProcess; close: () => Promise<void> }> {
  const host = await startWebHostProcess(dataDir, { MESHWORK_MESH_URL: mesh.url, MESHWORK_MESH_TOKEN: mesh.tokens.marketer });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    page,
    host,
    close: async () => {
      await context.close();
      await host.stop();
    },
  };
}

/** Moves the pull time of the current Customer 360 copy back by `days`, as if it had been pulled then. */
function agePull(dataDir: string, days: number): string {
  const product = join(dataDir, 'extracts', 'customers');
  const { version } = JSON.parse(readFileSync(join(product, 'current.json'), 'utf8')) as { version: string };
  const metaFile = join(product, version, 'meta.json');
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { fetchedAt: string };
  meta.fetchedAt = new Date(Date.now() - days * 86_400_000).toISOString();
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  return version;
}

/** The badge changes by itself: audit forwarding pushes an event that refreshes the page (no Reload click). */
async function badgeBecomes(page: Page, row: number, state: string): Promise<void> {
  await expect(page.getByTestId('activity-row').nth(row).getByTestId('activity-forwarded')).toHaveAttribute('data-state', state, { timeout: 60_000 });
}

test('a PII copy counts down to its retention purge; activity entries reach the mesh audit trail, also after being offline', async () => {
  test.setTimeout(300_000);
  let mesh = await startMesh();
  const browser = await launchChromium();
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-retention-'));
  let session = await openWorkspace(browser, mesh, dataDir);
  try {
    let page = session.page;
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.pull('customers');
    await catalog.pull('events');
    // The demo Customer 360 contract keeps laptop copies 14 days; events hold no PII.
    await expect(page.getByTestId('retention-customers')).toHaveText('PII copy deleted in 14 days');
    await expect(page.getByTestId('retention-customers')).toHaveAttribute('data-warn', 'false');
    await expect(page.getByTestId('retention-events')).toHaveCount(0);
    await catalog.openProduct('customers');
    await expect(page.getByTestId('retention-customers')).toHaveText('PII copy deleted in 14 days');
    await page.screenshot({ path: '/tmp/retention-audit-product.png' });

    // Both pulls are in the activity log and in the mesh's audit trail.
    await page.getByTestId('nav-activity').click();
    await expect(page.getByTestId('activity-row')).toHaveCount(2);
    await badgeBecomes(page, 0, 'sent');
    await expect(page.getByTestId('activity-row').nth(1).getByTestId('activity-forwarded')).toHaveText('Sent to mesh');
    expect((await trail(mesh)).map((e) => `${e.actor} ${e.action} ${e.subject.split(' (')[0]}`)).toEqual([
      expect.stringMatching(/^maya\.marketer pull Pulled customers /),
      expect.stringMatching(/^maya\.marketer pull Pulled events /),
    ]);
    await page.screenshot({ path: '/tmp/retention-audit-activity.png' });

    // Offline: a new entry waits; once the mesh is back it is sent, once.
    const { port, stateDir } = mesh;
    await mesh.stop();
    await page.getByTestId('activity-export').click();
    await badgeBecomes(page, 0, 'waiting');
    await expect(page.getByTestId('activity-row').nth(0).getByTestId('activity-forwarded')).toHaveText('Waiting to send');
    await expect(page.getByTestId('activity-row').nth(0)).toContainText('Exported the activity log');
    await page.screenshot({ path: '/tmp/retention-audit-waiting.png' });
    mesh = await startMesh(stateDir, port);
    await badgeBecomes(page, 0, 'sent');
    const exports = (await trail(mesh)).filter((e) => e.action === 'export');
    expect(exports).toHaveLength(1);

    // Twelve days later: two days left, shown as a warning.
    await session.close();
    agePull(dataDir, 12);
    session = await openWorkspace(browser, mesh, dataDir);
    page = session.page;
    await new CatalogPage(page).open();
    await expect(page.getByTestId('retention-customers')).toHaveText('PII copy deleted in 2 days');
    await expect(page.getByTestId('retention-customers')).toHaveAttribute('data-warn', 'true');
    await page.getByTestId('product-customers').screenshot({ path: '/tmp/retention-audit-card.png' });

    // Fifteen days after the pull the copy is gone at start, and the purge is on record.
    await session.close();
    const version = agePull(dataDir, 15);
    session = await openWorkspace(browser, mesh, dataDir);
    page = session.page;
    await new CatalogPage(page).open();
    await expect(page.getByTestId('cached-customers')).toHaveText('Not pulled yet');
    await expect(page.getByTestId('retention-customers')).toHaveCount(0);
    await expect(page.getByTestId('cached-events')).toContainText('pulled');
    await page.getByTestId('nav-activity').click();
    await expect(page.getByTestId('activity-table')).toContainText(`Purged Customer 360 ${version} (PII) after 14 days retention`);
    await badgeBecomes(page, 0, 'sent');
    expect((await trail(mesh)).filter((e) => e.action === 'purge').map((e) => e.subject)).toEqual([
      `Purged Customer 360 ${version} (PII) after 14 days retention`,
    ]);
    await page.screenshot({ path: '/tmp/retention-audit-purged.png' });
  } finally {
    await session.close();
    await browser.close();
    await mesh.stop();
  }
});
