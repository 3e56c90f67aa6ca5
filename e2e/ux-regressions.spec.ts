import type { Page } from '@playwright/test';
import { channelName } from '../shared/display-names';
import { expect, test } from './support/fixtures';
import { CatalogPage } from './pages/catalog-page';
import { SegmentsPage } from './pages/segments-page';

/**
 * Issue #14 ("the workbench at the standard of GA4, Hightouch and GrowthBook"): one walk through
 * the items already fixed, each checked as a user would notice it. One workspace for the whole
 * walk (first run, then the demo products), so the spec pulls once.
 */

/** Opens a page from the navigation and waits for it. */
async function open(page: Page, id: string): Promise<void> {
  await page.getByTestId(`nav-${id}`).click();
  await expect(page.getByTestId(`page-${id}`)).toBeVisible();
}

/** Makes one contract call fail as the app core would answer a failed run, until unrouted. */
async function failCalls(page: Page, call: string, message: string): Promise<void> {
  await page.route(`**/api/${call}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'engine_error', message } }) }),
  );
}

/** Signs in as another user of the built-in demo mesh (Settings > Demo users). */
async function switchDemoUser(page: Page, role: string, user: string | null): Promise<void> {
  await open(page, 'settings');
  await page.getByTestId(`demo-user-${role}`).click();
  await expect(page.getByTestId(`demo-user-${role}`)).toHaveAttribute('aria-pressed', 'true');
  if (user) await expect(page.getByTestId('user-chip')).toContainText(user);
}

test('issue 14: first run, number fields and stale results, in one workspace', async ({ app }) => {
  test.setTimeout(600_000);
  const page = app.page;

  await test.step('the favicon is served as an image', async () => {
    const origin = new URL(page.url()).origin;
    const ico = await page.request.get(`${origin}/favicon.ico`);
    expect(ico.status()).toBe(200);
    expect(ico.headers()['content-type']).toMatch(/^image\//);
    // An ICO file starts with reserved 0 and type 1 (icon).
    const bytes = await ico.body();
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    const svg = await page.request.get(`${origin}/favicon.svg`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  });

  await test.step('every empty page names the products it needs', async () => {
    const needs: Array<[string, string, string]> = [
      ['campaigns', 'campaigns-empty', 'Campaign Performance 360'],
      ['attribution', 'attribution-empty', 'Attribution needs Touchpoints and Conversions'],
      ['segments', 'segments-empty', 'Customer 360'],
      ['experiments', 'experiments-empty', 'Experiment assignments and Conversions'],
      ['geo', 'geo-empty', 'Geo Sales'],
      ['planner', 'planner-empty', 'Campaign Performance 360'],
      ['audiences', 'audience-builder-empty', 'Audiences need Customer 360 and a saved segment'],
    ];
    for (const [nav, empty, words] of needs) {
      await open(page, nav);
      await expect(page.getByTestId(empty)).toContainText(words);
    }
  });

  await test.step('Get started pulls every demo product with one action and one progress bar', async () => {
    const catalog = new CatalogPage(page);
    await catalog.open();
    const card = page.getByTestId('get-started');
    await expect(card.getByRole('heading')).toHaveText('Get started: pull the demo products');
    await page.getByTestId('get-started-pull').click();
    await expect(card.getByRole('progressbar')).toHaveCount(1);
    await expect(page.getByTestId('get-started-status')).toContainText(/of 10 products on this laptop/);
    await expect(card).toBeHidden({ timeout: 240_000 });
    await expect(page.getByText('Not pulled yet')).toHaveCount(0);
  });

  await test.step('a number field keeps what is typed and refuses -5 at the field', async () => {
    const segments = new SegmentsPage(page);
    await segments.open();
    await segments.add('rule-root', 'event');
    await page.getByTestId('rule-0-name').selectOption('add_to_cart');
    const days = page.getByTestId('rule-0-days');
    await days.fill('');
    await days.pressSequentially('14');
    await expect(days).toHaveValue('14');
    await expect(page.getByTestId('rule-0-days-error')).toHaveCount(0);
    const in14Days = await segments.count();
    // Typed over the selection (an empty days field is valid: "all time").
    await days.press('ControlOrMeta+a');
    await days.pressSequentially('-5');
    // The text stays what was typed (not 15, not 1), the field says what it accepts, and the
    // count keeps answering the last valid rule.
    await expect(days).toHaveValue('-5');
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('rule-0-days-error')).toHaveText('Use a value between 1 and 3,650 days.');
    expect(await segments.count()).toBe(in14Days);
  });

  await test.step('the power calculator refuses 1 user per variant at the field, and an error replaces the old answer', async () => {
    await open(page, 'experiments');
    // Words around numbers: "an 8% lift", "1 day" style plurals come from the one formatter.
    await page.getByTestId('exp-target-lift').fill('8');
    await expect(page.getByTestId('exp-header-progress')).toContainText('an 8% lift');
    await page.getByTestId('exp-target-lift').fill('5');
    await expect(page.getByTestId('exp-header-progress')).toContainText('a 5% lift');
    const users = page.getByTestId('power-users');
    await users.fill('');
    await users.pressSequentially('1');
    await expect(page.getByTestId('power-users-error')).toHaveText('Use a value between 100 and 100,000,000 users.');
    await users.fill('5000');
    await expect(page.getByTestId('power-users-error')).toHaveCount(0);
    await page.getByTestId('power-run').click();
    await expect(page.getByTestId('power-result')).toContainText('With 5,000 users per variant');
    // An effect of 0 is refused at the field in words, not by the engine with internal names.
    await page.getByTestId('power-effect').fill('0');
    await expect(page.getByTestId('power-effect-error')).toHaveText('Use a value between 0.001 and 0.999.');
    await page.getByTestId('power-effect').fill('');
    // A calculation that fails shows its error alone: the previous answer is not left under it.
    await failCalls(page, 'analysis/power', 'The engine stopped while computing power.');
    await page.getByTestId('power-users').fill('6000');
    await expect(page.getByTestId('power-result')).toHaveCount(0);
    await page.getByTestId('power-run').click();
    await expect(page.getByTestId('power').getByRole('alert')).toContainText('The engine stopped while computing power.');
    await expect(page.getByTestId('power-result')).toHaveCount(0);
    await page.unroute('**/api/analysis/power');
  });

  await test.step('a saved segment shows in the overlap at once, and Duplicate gives a name of its own', async () => {
    const segments = new SegmentsPage(page);
    await segments.open();
    // The unsaved rule of the last visit is kept: the add-to-cart condition, its days field on -5.
    await expect(page.getByTestId('rule-0-name')).toHaveValue('add_to_cart');
    await page.getByTestId('rule-0-days').fill('14');
    await segments.count();
    await expect(page.getByText('Save segments to compare their overlap here.')).toBeVisible();
    await page.getByTestId('seg-saved-name').fill('Carted recently');
    await page.getByTestId('seg-saved-save').click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Saved "Carted recently"' })).toBeVisible();
    // Another rule: the segment just saved is now one to compare with, without a reload.
    await page.getByTestId('rule-0-days').fill('30');
    await segments.count();
    await expect(page.getByTestId('seg-overlap')).toBeVisible();
    await page.getByTestId('seg-saved-duplicate').click();
    await expect(page.getByTestId('toast-success').filter({ hasText: 'Saved "Carted recently (copy)"' })).toBeVisible();
    await expect(page.getByTestId('seg-saved-open').locator('option')).toHaveText(['Open saved…', 'Carted recently (v1)', 'Carted recently (copy) (v1)']);

    // A rule the engine cannot run: its error alone, no count left over from the last rule.
    await failCalls(page, 'analysis/segmentCount', 'The engine could not run this rule.');
    await page.getByTestId('rule-0-days').fill('20');
    await expect(page.getByTestId('page-segments').getByRole('alert').filter({ hasText: 'This rule cannot run' })).toContainText(
      'The engine could not run this rule.',
    );
    await expect(page.getByTestId('seg-count')).toHaveAttribute('data-value', '');
    await expect(page.getByTestId('seg-count')).toHaveAttribute('data-running', 'false');
    await expect(page.getByTestId('seg-consent')).toHaveCount(0);
    await page.unroute('**/api/analysis/segmentCount');
  });

  await test.step('attribution: a failed run or no model leaves no old results, and "Updating…" stops', async () => {
    await open(page, 'attribution');
    await expect(page.getByTestId('attribution-table')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('attr-status')).toHaveAttribute('data-running', 'false');
    // Channels read as words; the id stays in the tooltip.
    const paidSocial = page.getByTestId('attr-row-paid_social').getByText('Paid social', { exact: true });
    await expect(paidSocial).toHaveAttribute('title', /\(paid_social\)$/);
    // A comparison that fails: its error alone, not the last table under it.
    await failCalls(page, 'analysis/runSpec', 'The engine could not compare these models.');
    await page.getByTestId('attr-model-last_touch').uncheck();
    await expect(page.getByTestId('page-attribution').getByRole('alert').filter({ hasText: 'This comparison cannot run' })).toContainText(
      'The engine could not compare these models.',
    );
    await expect(page.getByTestId('attribution-table')).toHaveCount(0);
    await expect(page.getByTestId('attr-status')).toHaveAttribute('data-running', 'false');
    await expect(page.getByTestId('attr-status')).not.toContainText('Updating');
    await page.unroute('**/api/analysis/runSpec');
    await page.getByTestId('attr-model-last_touch').check();
    await expect(page.getByTestId('attribution-table')).toBeVisible({ timeout: 60_000 });
    // No model at all: a prompt, not the last comparison.
    const models = page.locator('[data-testid^="attr-model-"]:checked');
    while ((await models.count()) > 0) await models.first().uncheck();
    await expect(page.getByText('Pick at least one model to compare.')).toBeVisible();
    await expect(page.getByTestId('attribution-table')).toHaveCount(0);
    await expect(page.getByTestId('attr-status')).toHaveAttribute('data-running', 'false');
    await expect(page.getByTestId('attr-status')).not.toContainText('Updating');
  });

  await test.step('dashboard: a fall in spend is not green, Enter drills down, a filter that excludes the campaign resets the path', async () => {
    await open(page, 'campaigns');
    await expect(page.getByTestId('kpi-spend-value')).toBeVisible();
    // Spend is neither good nor bad news: its change is never coloured, whichever way it went.
    const spendChange = page.getByTestId('kpi-spend').locator('.kpi-change');
    await expect(spendChange).toContainText(/vs previous|no previous data/);
    await expect(spendChange).not.toHaveClass(/up-good|up-bad/);

    const grid = page.getByTestId('campaign-grid');
    const breadcrumbs = page.getByTestId('grid-breadcrumbs');
    const firstRow = grid.locator('.ag-row[row-index="0"]');
    // Rows arrive from the engine after the grid is drawn.
    await expect(firstRow.locator('[col-id="campaign_name"]')).toHaveText(/\S/);
    const name = (await firstRow.locator('[col-id="campaign_name"]').innerText()).trim();
    const channelShown = (await firstRow.locator('[col-id="channel"]').innerText()).trim();
    expect(name).not.toBe('');
    // Keyboard: Enter on a focused row drills down as a click does.
    await firstRow.locator('[col-id="platform"]').focus();
    await page.keyboard.press('Enter');
    await expect(breadcrumbs).toContainText('Ad sets');
    // The breadcrumb names the campaign; its id is in the tooltip.
    const crumb = breadcrumbs.getByRole('button', { name });
    await expect(crumb).toBeVisible();
    expect(await crumb.getAttribute('title')).not.toBe(name);

    // A channel filter that leaves this campaign out goes back to the campaign list.
    const options = await page
      .getByTestId('filter-channel')
      .locator('input[type="checkbox"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    const other = options.map((id) => id.replace('filter-channel-', '')).find((id) => id !== channelShown && channelName(id) !== channelShown)!;
    await page.getByTestId('filter-channel').locator('summary').click();
    await page.getByTestId(`filter-channel-${other}`).check();
    await page.getByTestId('filter-channel').locator('summary').click();
    await expect(breadcrumbs).toContainText('Campaigns (');
    await expect(breadcrumbs.getByRole('button', { name })).toHaveCount(0);
    await expect(grid.locator('.ag-row[row-index="0"]')).toBeVisible();
    await page.getByTestId('filter-clear').click();
  });

  await test.step('the Jobs popover closes on Escape and on a click outside', async () => {
    const button = page.getByTestId('jobs-button');
    const panel = page.getByTestId('jobs-panel');
    await button.click();
    await expect(panel).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(button).toBeFocused();
    await button.click();
    await expect(panel).toBeVisible();
    await page.getByTestId('page-campaigns').getByRole('heading', { level: 1 }).click();
    await expect(panel).toBeHidden();
  });

  await test.step('audience builder: the name follows the segment until edited; an empty name never leaves a stale dry run', async () => {
    await open(page, 'audiences');
    const name = page.getByTestId('aud-name');
    const dry = page.getByTestId('aud-dry-run');
    await page.getByTestId('aud-segment').selectOption({ label: 'Carted recently (copy)' });
    await expect(name).toHaveValue('Carted recently (copy)');
    await page.getByTestId('aud-segment').selectOption({ label: 'Carted recently' });
    await expect(name).toHaveValue('Carted recently');
    await expect(page.getByTestId('aud-salt')).toHaveValue('aud-carted-recently');
    await expect(dry).toBeVisible();
    const atTenPercent = Number(await dry.getAttribute('data-members'));

    // With the name cleared the dry run says what is missing instead of showing old numbers, and
    // it counts the new holdout as soon as the audience has a name again.
    await name.fill('');
    await expect(page.getByTestId('aud-problem')).toHaveText('Give the audience a name.');
    await page.getByTestId('aud-holdout').fill('40');
    await expect(page.getByTestId('aud-holdout-value')).toHaveText('40%');
    await expect(dry).toHaveCount(0);
    await name.fill('Carted buyers');
    await expect(page.getByTestId('aud-exclusions')).toContainText('Held out (40%');
    await expect.poll(async () => Number(await dry.getAttribute('data-members'))).toBeLessThan(atTenPercent);
    // A name the user typed stays when the segment changes.
    await page.getByTestId('aud-segment').selectOption({ label: 'Carted recently (copy)' });
    await expect(name).toHaveValue('Carted buyers');
    await page.getByTestId('aud-segment').selectOption({ label: 'Carted recently' });
    await page.getByTestId('aud-holdout').fill('10');
    await page.getByTestId('aud-destination').selectOption('meta_ads');
    await expect(page.getByTestId('aud-salt')).toHaveValue('aud-carted-buyers');
    await expect(page.getByTestId('aud-exclusions')).toContainText('Held out (10%');
    await expect(page.getByTestId('aud-submit')).toBeEnabled();
    await page.getByTestId('aud-submit').click();
    await expect(page.getByTestId('audience-Carted buyers-v1').getByTestId('audience-status')).toHaveText('pending approval');
  });

  await test.step('the approver approves version 1 on its own page, titled by the audience name', async () => {
    await switchDemoUser(page, 'approver', 'avery.approver');
    await open(page, 'audiences');
    await expect(page.getByTestId('approval-Carted buyers')).toContainText('Meta Ads custom audience');
    await page.getByTestId('review-Carted buyers').click();
    await expect(page.getByTestId('page-audience-review').getByRole('heading', { level: 1 })).toHaveText('Carted buyers, version 1');
    await expect(page.getByTestId('review-destination')).toHaveText('Meta Ads custom audience');
    await expect(page.getByTestId('review-destination')).toHaveAttribute('title', 'meta_ads');
    await page.getByTestId('review-comment-input').fill('Fine');
    await page.getByTestId('review-approve').click();
    await expect(page.getByTestId('review-decision')).toContainText('Approved by avery.approver');
  });

  await test.step('rebuilding the same audience on a new visit keeps its salt: no salt-only churn', async () => {
    await switchDemoUser(page, 'marketer', 'maya.marketer');
    await page.reload();
    await open(page, 'audiences');
    await page.getByTestId('aud-segment').selectOption({ label: 'Carted recently' });
    await page.getByTestId('aud-name').fill('Carted buyers');
    await page.getByTestId('aud-destination').selectOption('meta_ads');
    await expect(page.getByTestId('aud-salt')).toHaveValue('aud-carted-buyers');
    await expect(page.getByTestId('aud-diff')).toHaveText('Versus approved version 1: +0 added, −0 removed.');
    await expect(page.getByTestId('aud-salt-changed')).toHaveCount(0);
    await page.getByTestId('aud-submit').click();
    await expect(page.getByTestId('audience-Carted buyers-v2').getByTestId('audience-status')).toHaveText('pending approval');

    // The approver's page for version 2 compares it with version 1: same members, same salt.
    await switchDemoUser(page, 'approver', 'avery.approver');
    await open(page, 'audiences');
    await page.getByTestId('review-Carted buyers').click();
    await expect(page.getByTestId('page-audience-review').getByRole('heading', { level: 1 })).toHaveText('Carted buyers, version 2');
    const diff = page.getByTestId('review-diff');
    await expect(diff).toContainText('Compared with version 1.');
    await expect(diff).toContainText('Members: +0 added, −0 removed');
    await expect(diff).not.toContainText('Holdout salt was');
    await page.getByTestId('review-back').click();
  });

  await test.step('after a privacy officer re-pulls Customer 360, the preview and the product page say what the data is', async () => {
    await switchDemoUser(page, 'privacy_officer', null);
    const segments = new SegmentsPage(page);
    // The extract on the laptop was pulled by the marketer: it is still pseudonymised, and says so.
    await segments.open();
    await segments.count();
    await expect(page.getByTestId('seg-preview')).toBeVisible();
    await expect(page.getByTestId('seg-masking')).toContainText('PII masked');
    await expect(page.getByTestId('seg-masking')).toContainText('Pull Customer 360 again');
    const catalog = new CatalogPage(page);
    await catalog.open();
    await catalog.pull('customers');
    await segments.open();
    await segments.count();
    await expect(page.getByTestId('seg-preview')).toContainText('@');
    await expect(page.getByTestId('seg-masking')).toHaveText('Your role has PII access: e-mail addresses are shown.');
    await catalog.open();
    await expect(catalog.card('customers')).not.toContainText('PII pseudonymised');
    await catalog.openProduct('customers');
    await expect(page.locator('[title="Pseudonymised by the mesh for your role"]')).toHaveCount(0);
    await expect(page.getByTestId('page-product')).not.toContainText('pseudonymised for you');
  });
});
