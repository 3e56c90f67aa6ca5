import { create } from 'zustand';
import { api } from '../../api/client';
import { dashboardViewSchema, type DashboardFilter, type DashboardView } from '../../../../shared/ipc/campaigns-contract';
import { drillAfterFilter } from './drill';

export interface Options {
  loaded: boolean;
  minDate: string | null;
  maxDate: string | null;
  channels: string[];
  platforms: string[];
  campaigns: { id: string; name: string }[];
}

export type { DashboardView } from '../../../../shared/ipc/campaigns-contract';

interface CampaignsStore {
  options: Options | null;
  error: string | null;
  view: DashboardView | null;
  /** Bumped whenever data or filters change, so every widget refetches. */
  revision: number;
  init: () => Promise<void>;
  update: (patch: Partial<DashboardView>) => void;
  setFilter: (patch: Partial<DashboardFilter>) => void;
}

const VIEW_NAME = 'Campaign Performance 360: last view';
let savedId: string | undefined;
let saveTimer: number | undefined;

function persist(view: DashboardView): void {
  window.clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => {
    void api.workspace.save({ ...(savedId ? { id: savedId } : {}), kind: 'dashboard_view', name: VIEW_NAME, spec: view }).then((item) => {
      savedId = item.id;
    });
  }, 400);
}

/** The last 28 days of the data compared with the 28 before (demo data is anchored to a fixed date). */
function defaultView(options: Options): DashboardView {
  const to = options.maxDate ?? new Date().toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 27 * 86_400_000).toISOString().slice(0, 10);
  return { filter: { from, to, channels: [], platforms: [], campaigns: [] }, metric: 'spend', granularity: 'date', level: 'campaign', parent: {} };
}

export const useCampaignsStore = create<CampaignsStore>((set, get) => ({
  options: null,
  error: null,
  view: null,
  revision: 0,
  init: async () => {
    try {
      const options = await api.campaigns.options({});
      let view = get().view;
      if (!view && options.loaded) {
        const saved = (await api.workspace.listSaved({ kind: 'dashboard_view' })).items.find((i) => i.name === VIEW_NAME);
        savedId = saved?.id;
        // A view saved by an older build (or edited by hand) that no longer parses is replaced by the default.
        const restored = dashboardViewSchema.safeParse(saved?.spec);
        view = restored.success ? restored.data : defaultView(options);
      }
      set({ options, view, error: null, revision: get().revision + 1 });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  update: (patch) => {
    const view = get().view;
    if (!view) return;
    const next = { ...view, ...patch };
    set({ view: next, revision: get().revision + 1 });
    persist(next);
  },
  setFilter: (patch) => {
    const view = get().view;
    if (!view) return;
    const filter = { ...view.filter, ...patch } as Required<DashboardFilter>;
    const { level, parent } = drillAfterFilter({ level: view.level, parent: view.parent }, view.filter, filter);
    get().update({ filter, level, parent });
  },
}));

/** Wired by the event bridge: a new Campaign Performance 360 extract resets the dashboard's data. */
export function onCampaignsDataChanged({ products }: { products: string[] }): void {
  if (products.includes('campaign_performance')) void useCampaignsStore.getState().init();
}
