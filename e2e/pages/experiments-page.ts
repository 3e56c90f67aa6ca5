import { expect, type Page } from '@playwright/test';

type Interval = [number, number];

/** The experiment builder: controls, the readout and what each element shows, read from the DOM. */
export class ExperimentsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-experiments').click();
    await expect(this.page.getByTestId('exp-controls')).toBeVisible();
  }

  async pick(experimentId: string) {
    await this.page.getByTestId('exp-id').selectOption(experimentId);
    await this.settled();
  }

  async engine(id: 'frequentist' | 'sequential' | 'bayesian') {
    await this.page.getByTestId(`exp-engine-${id}`).click();
    await expect(this.page.getByTestId(`exp-engine-${id}`)).toHaveAttribute('aria-pressed', 'true');
    await this.settled();
  }

  /** Waits for the run of the current spec to finish and its first table to be on screen. */
  async settled() {
    await expect(this.page.getByTestId('exp-status')).toHaveAttribute('data-running', 'false');
    await expect(this.page.getByTestId('exp-status')).toContainText('Computed');
  }

  async save(name: string) {
    await this.page.getByTestId('exp-saved-name').fill(name);
    // With an analysis open, "Save" would rename it: keep each one as its own saved analysis.
    const duplicate = this.page.getByTestId('exp-saved').getByRole('button', { name: 'Duplicate' });
    if (await duplicate.isVisible()) await duplicate.click();
    else await this.page.getByTestId('exp-saved-save').click();
    await expect(this.page.getByTestId('toast-success').filter({ hasText: `Saved "${name}"` })).toBeVisible();
  }

  private static numbers(text: string | null): number[] {
    return text ? text.split(',').map(Number) : [];
  }

  async row(metric: string, variant: string) {
    const row = this.page.getByTestId(`exp-row-${metric}-${variant}`);
    const attr = async (name: string) => row.getAttribute(name);
    return {
      diff: Number(await attr('data-diff')),
      diffCi: ExperimentsPage.numbers(await attr('data-ci')),
      lift: Number(await attr('data-lift')),
      liftCi: ExperimentsPage.numbers(await attr('data-lift-ci')),
      shownInterval: ExperimentsPage.numbers(await attr('data-shown-interval')),
      shownP: await attr('data-shown-p'),
      verdict: await attr('data-verdict'),
    };
  }

  async sentence(metric: string, variant: string) {
    const el = this.page.getByTestId(`exp-readout-${metric}-${variant}`);
    return {
      text: (await el.textContent()) ?? '',
      interval: ExperimentsPage.numbers(await el.getAttribute('data-interval')),
      p: await el.getAttribute('data-p'),
      chance: await el.getAttribute('data-chance'),
      verdict: await el.getAttribute('data-verdict'),
    };
  }

  /** The forest plot's intervals, as the chart was given them. */
  async forest(): Promise<Array<{ label: string; interval: Interval; estimate: number; verdict: string }>> {
    return JSON.parse((await this.page.getByTestId('exp-forest').getAttribute('data-points')) ?? '[]') as Array<{
      label: string;
      interval: Interval;
      estimate: number;
      verdict: string;
    }>;
  }
}
