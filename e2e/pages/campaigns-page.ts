import { expect, type Page } from '@playwright/test';

/** The Campaign Performance 360 dashboard. */
export class CampaignsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-campaigns').click();
    await expect(this.page.getByTestId('page-campaigns')).toBeVisible();
    await expect(this.page.getByTestId('kpi-spend-value')).toBeVisible();
  }

  /** The KPI's exact number (data-value), not its rounded label. */
  async kpi(id: string): Promise<number> {
    const value = await this.page.getByTestId(`kpi-${id}-value`).getAttribute('data-value');
    return Number(value);
  }

  async chooseChannel(channel: string) {
    await this.page.getByTestId('filter-channel').locator('summary').click();
    await this.page.getByTestId(`filter-channel-${channel}`).check();
    await this.page.getByTestId('filter-channel').locator('summary').click();
  }

  totalsRow() {
    return this.page
      .getByTestId('campaign-grid')
      .getByRole('row', { name: /^Total/ })
      .first();
  }
}
