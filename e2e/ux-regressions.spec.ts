import type { Page } from '@playwright/test';
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
    const users = page.getByTestId('power-users');
    await users.fill('');
    await users.pressSequentially('1');
    await expect(page.getByTestId('power-users-error')).toHaveText('Use a value between 100 and 100,000,000 users.');
    await users.fill('5000');
    await expect(page.getByTestId('power-users-error')).toHaveCount(0);
    await page.getByTestId('power-run').click();
    await expect(page.getByTestId('power-result')).toContainText('With 5,000 users per variant');
    await page.getByTestId('power-effect').fill('0');
    await expect(page.getByTestId('power-result')).toHaveCount(0);
    await page.getByTestId('power-run').click();
    await expect(page.getByTestId('power').getByRole('alert')).toBeVisible();
    await expect(page.getByTestId('power-result')).toHaveCount(0);
  });
});
