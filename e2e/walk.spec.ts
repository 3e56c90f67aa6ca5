import type { Request, Response } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openPage, PAGES, pullDemoProducts, settle } from './support/walk';

/**
 * A walk through every page after pulling the demo products, as a newcomer does: no page may
 * log a console error, no request may fail and no answer may be an HTTP error. Expected
 * failures are named here, each with its reason; there are none today.
 */
const EXPECTED_HTTP_ERRORS: readonly { url: RegExp; status: number; why: string }[] = [];

test('a walk through every page logs no console error and no failed request', async ({ app }) => {
  test.setTimeout(420_000);
  const problems: string[] = [];
  app.page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${app.page.url()}: ${message.text()}`);
  });
  app.page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  app.page.on('requestfailed', (request: Request) => {
    // The events stream is closed when the page goes away; that is the end of a stream, not a failure.
    if (request.url().endsWith('/api/events') && request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
  });
  app.page.on('response', (response: Response) => {
    if (response.status() < 400) return;
    if (EXPECTED_HTTP_ERRORS.some((e) => e.url.test(response.url()) && e.status === response.status())) return;
    problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });

  await pullDemoProducts(app.page);
  for (const id of PAGES) await openPage(app.page, id);

  // The pages behind the pages: a product's contract page, and the dashboard drilled into a campaign.
  await openPage(app.page, 'catalog');
  await app.page.getByTestId('open-customers').click();
  await expect(app.page.getByTestId('page-product')).toBeVisible();
  await settle(app.page);
  await openPage(app.page, 'campaigns');
  await app.page.getByTestId('campaign-grid').getByRole('row').nth(1).click();
  await expect(app.page.getByTestId('grid-breadcrumbs')).toContainText('Ad sets');
  await settle(app.page);

  expect(problems, problems.join('\n')).toEqual([]);
});
