import { expect, type Page } from '@playwright/test';

/** The data catalog and a product's page. */
export class CatalogPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-catalog').click();
    await expect(this.page.getByTestId('page-catalog')).toBeVisible();
    await expect(this.page.getByTestId('product-customers')).toBeVisible();
  }

  card(id: string) {
    return this.page.getByTestId(`product-${id}`);
  }

  /** Pulls a product from its catalog card and waits until it is on this laptop. */
  async pull(id: string, opts: { expectProgress?: boolean } = {}) {
    await this.page.getByTestId(`pull-button-${id}`).click();
    if (opts.expectProgress) await expect(this.page.getByTestId(`pull-progress-${id}`)).toBeVisible();
    // "Not pulled yet" also contains "pulled": wait for the version line instead.
    await expect(this.page.getByTestId(`cached-${id}`)).toContainText(/, pulled (just now|\d)/, { timeout: 60_000 });
  }

  async openProduct(id: string) {
    await this.page.getByTestId(`open-${id}`).click();
    await expect(this.page.getByTestId('page-product')).toBeVisible();
    await expect(this.page.getByTestId('contract-columns')).toBeVisible();
  }
}
