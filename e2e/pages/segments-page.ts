import { expect, type Page } from '@playwright/test';

export class SegmentsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-segments').click();
    await expect(this.page.getByTestId('page-segments')).toBeVisible();
    await expect(this.page.getByTestId('rule-root')).toBeVisible();
  }

  async add(groupTestId: string, kind: 'attribute' | 'event' | 'conversion' | 'consent' | 'all' | 'any') {
    await this.page.getByTestId(`${groupTestId}-add`).selectOption(kind);
  }

  /** The live count once it has settled. */
  async count(): Promise<number> {
    const el = this.page.getByTestId('seg-count');
    await expect(el).toHaveAttribute('data-running', 'false');
    await expect(el).not.toHaveAttribute('data-value', '');
    return Number(await el.getAttribute('data-value'));
  }
}
