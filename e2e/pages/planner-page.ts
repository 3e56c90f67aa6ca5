import { expect, type Page } from '@playwright/test';

/** The budget planner screen. */
export class PlannerPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-planner').click();
    await expect(this.page.getByTestId('page-planner')).toBeVisible();
  }

  /** Waits until the live plan reflects the current inputs. */
  async settled() {
    await expect(this.page.getByTestId('plan-table')).toBeVisible({ timeout: 90_000 });
    await expect(this.page.getByTestId('plan-status')).toHaveAttribute('data-running', 'false', { timeout: 90_000 });
  }

  async value(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-value'));
  }

  async save(name: string) {
    await this.page.getByTestId('plan-saved-name').fill(name);
    await this.page.getByTestId('plan-saved-save').click();
    await expect(this.page.getByTestId('toast-success').filter({ hasText: `Saved "${name}"` })).toBeVisible();
  }
}
