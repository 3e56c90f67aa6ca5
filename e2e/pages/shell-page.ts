import { expect, type Page } from '@playwright/test';

export const NAV_ITEMS = ['catalog', 'campaigns', 'attribution', 'segments', 'experiments', 'geo', 'audiences', 'activity', 'settings'] as const;

/** The app frame: left navigation and the current page. */
export class ShellPage {
  constructor(readonly page: Page) {}

  nav(id: (typeof NAV_ITEMS)[number]) {
    return this.page.getByTestId(`nav-${id}`);
  }

  async open(id: (typeof NAV_ITEMS)[number]) {
    await this.nav(id).click();
    await expect(this.page.getByTestId(`page-${id}`)).toBeVisible();
  }
}
