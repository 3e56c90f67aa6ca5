import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { attributionSpecSchema } from '../../../../shared/specs/attribution-spec';
import { DEFAULT_FORM, fromSpec, toSpec, type AttributionForm } from './attribution-form';

/** The localStorage key of the unsaved form (one per workbench origin). */
export const FORM_STORAGE_KEY = 'meshwork.attribution.form';

interface AttributionFormStore {
  form: AttributionForm;
  setForm: (next: AttributionForm) => void;
  patch: (patch: Partial<AttributionForm>) => void;
}

/**
 * A stored form is trusted only as far as the spec schema accepts it: it is turned into a spec,
 * parsed, and read back, so a form written by an older build or edited by hand either becomes a
 * valid form or is dropped for the default. A reporting period the schema refuses (one end only,
 * reversed, an impossible day) is dropped alone: the rest of the form is still good.
 */
export function restoreForm(stored: unknown): AttributionForm | null {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return null;
  const form = { ...DEFAULT_FORM, ...(stored as Partial<AttributionForm>) };
  // Models must be chosen from the picker; an empty list would run nothing.
  if (!Array.isArray(form.models) || form.models.length === 0) return null;
  const undated = { ...form, date_from: '', date_to: '' };
  const base = attributionSpecSchema.safeParse(toSpec(undated));
  if (!base.success) return null;
  const restored = fromSpec(base.data);
  if (typeof form.date_from !== 'string' || typeof form.date_to !== 'string' || form.date_from === '' || form.date_to === '') return restored;
  const dated = attributionSpecSchema.safeParse(toSpec({ ...undated, date_from: form.date_from, date_to: form.date_to }));
  return dated.success ? { ...restored, date_from: form.date_from, date_to: form.date_to } : restored;
}

/**
 * The Attribution builder's unsaved state, kept in localStorage so a reload (or a crash) does not
 * lose it, as the dashboard keeps its view. Saved analyses are separate: they live in the workspace.
 */
export const useAttributionFormStore = create<AttributionFormStore>()(
  persist(
    (set, get) => ({
      form: DEFAULT_FORM,
      setForm: (form) => set({ form }),
      patch: (patch) => set({ form: { ...get().form, ...patch } }),
    }),
    {
      name: FORM_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ form: s.form }),
      merge: (persisted, current) => {
        const form = restoreForm((persisted as { form?: unknown } | undefined)?.form);
        return form ? { ...current, form } : current;
      },
    },
  ),
);
