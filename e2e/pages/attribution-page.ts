import { expect, type Page } from '@playwright/test';

export class AttributionPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-attribution').click();
    await expect(this.page.getByTestId('page-attribution')).toBeVisible();
    await this.settled();
  }

  /** Waits until the live result reflects the current controls. */
  async settled() {
    await expect(this.page.getByTestId('attribution-table')).toBeVisible({ timeout: 60_000 });
    await expect(this.page.getByTestId('attr-status')).toHaveAttribute('data-running', 'false');
  }

  async cell(channel: string, modelIndex: number): Promise<number> {
    return Number(await this.page.getByTestId(`attr-cell-${channel}-${modelIndex}`).getAttribute('data-value'));
  }

  async setHalfLife(days: number) {
    await this.page.getByTestId('attr-half-life').fill(String(days));
    await expect(this.page.getByTestId('attr-half-life-value')).toHaveText(`${days} days`);
  }

  async save(name: string) {
    await this.page.getByTestId('attr-saved-name').fill(name);
    await this.page.getByTestId('attr-saved-save').click();
    await expect(this.page.getByTestId('toast-success').filter({ hasText: `Saved "${name}"` })).toBeVisible();
  }
}
