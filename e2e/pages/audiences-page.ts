import { expect, type Page } from '@playwright/test';

export class AudiencesPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-audiences').click();
    await expect(this.page.getByTestId('page-audiences')).toBeVisible();
  }

  row(name: string, version = 1) {
    return this.page.getByTestId(`audience-${name}-v${version}`);
  }
}
