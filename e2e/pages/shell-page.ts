import { expect, type Page } from '@playwright/test';
import { ROUTES, type RouteId } from '../../renderer/src/app/routes';

/** Every section of the left navigation, taken from the app's own route list so the two never drift. */
export const NAV_ITEMS: readonly RouteId[] = ROUTES.map((route) => route.id);

/** The app frame: left navigation and the current page. */
export class ShellPage {
  constructor(readonly page: Page) {}

  nav(id: RouteId) {
    return this.page.getByTestId(`nav-${id}`);
  }

  async open(id: RouteId) {
    await this.nav(id).click();
    await expect(this.page.getByTestId(`page-${id}`)).toBeVisible();
  }
}
