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

  /** Builds a one-condition rule on a Customer 360 attribute ("ltv >= 100") and saves it under `name`. */
  async saveAttributeSegment(name: string, attribute: string, op: string, value: string) {
    await this.open();
    await this.add('rule-root', 'attribute');
    await this.page.getByTestId('rule-0-attribute').selectOption(attribute);
    await this.page.getByTestId('rule-0-op').selectOption(op);
    await this.page.getByTestId('rule-0-value').fill(value);
    await this.count();
    await this.page.getByTestId('seg-saved-name').fill(name);
    await this.page.getByTestId('seg-saved-save').click();
    await expect(this.page.getByTestId('toast-success').filter({ hasText: `Saved "${name}"` })).toBeVisible();
  }

  /** The live count once it has settled. */
  async count(): Promise<number> {
    const el = this.page.getByTestId('seg-count');
    await expect(el).toHaveAttribute('data-running', 'false');
    await expect(el).not.toHaveAttribute('data-value', '');
    return Number(await el.getAttribute('data-value'));
  }
}
