import { describe, expect, it } from 'vitest';
import { memoryStorage as storage } from './testing/memory-storage';
import { DEFAULT_FORM } from './attribution-form';
import { FORM_STORAGE_KEY, restoreForm, useAttributionFormStore } from './attribution-form-store';

describe('restoreForm', () => {
  const good = {
    ...DEFAULT_FORM,
    lookback_days: 200,
    models: ['linear', 'markov'],
    markov_order: 2,
    date_from: '2026-06-01',
    date_to: '2026-06-30',
    campaign_channel: 'email',
  };

  it('keeps a form the spec accepts, lookback up to 365 days and the drill included', () => {
    expect(restoreForm(good)).toEqual(good);
    expect(restoreForm({ ...good, lookback_days: 365 })?.lookback_days).toBe(365);
  });

  it('drops a form the spec refuses instead of trusting it', () => {
    expect(restoreForm({ ...good, lookback_days: 366 })).toBeNull();
    expect(restoreForm({ ...good, interactions: ['telepathy'] })).toBeNull();
    expect(restoreForm({ ...good, half_life_days: -1, models: ['time_decay'] })).toBeNull();
    expect(restoreForm({ ...good, models: [] })).toBeNull();
    expect(restoreForm({ ...good, conversion_type: 42 })).toBeNull();
    expect(restoreForm('garbage')).toBeNull();
    expect(restoreForm(null)).toBeNull();
  });

  it('drops a reporting period the spec refuses but keeps the rest', () => {
    expect(restoreForm({ ...good, date_from: '2026-07-01', date_to: '2026-06-01' })).toMatchObject({ date_from: '', date_to: '', lookback_days: 200 });
    expect(restoreForm({ ...good, date_from: '2026-02-30' })).toMatchObject({ date_from: '', date_to: '' });
    expect(restoreForm({ ...good, date_to: '' })).toMatchObject({ date_from: '', date_to: '', campaign_channel: 'email' });
  });

  it('ignores fields the form does not have', () => {
    expect(restoreForm({ ...good, evil: '<script>' })).not.toHaveProperty('evil');
  });
});

describe('the persisted form store', () => {
  it('keeps the form across a reload and drops a tampered one', async () => {
    useAttributionFormStore.getState().patch({ lookback_days: 90, campaign_channel: 'paid_search' });
    const saved = JSON.parse(storage.getItem(FORM_STORAGE_KEY)!) as { state: { form: { lookback_days: number } } };
    expect(saved.state.form.lookback_days).toBe(90);

    // A reload: the page starts from the default, then the store rehydrates from what is stored.
    const stored = storage.getItem(FORM_STORAGE_KEY)!;
    useAttributionFormStore.setState({ form: DEFAULT_FORM });
    storage.setItem(FORM_STORAGE_KEY, stored);
    await useAttributionFormStore.persist.rehydrate();
    expect(useAttributionFormStore.getState().form).toMatchObject({ lookback_days: 90, campaign_channel: 'paid_search' });

    // Another reload, of a stored form edited by hand: it is dropped and the default stays.
    useAttributionFormStore.setState({ form: DEFAULT_FORM });
    storage.setItem(FORM_STORAGE_KEY, JSON.stringify({ state: { form: { ...DEFAULT_FORM, lookback_days: 10_000 } }, version: 1 }));
    await useAttributionFormStore.persist.rehydrate();
    expect(useAttributionFormStore.getState().form).toEqual(DEFAULT_FORM);
  });
});
