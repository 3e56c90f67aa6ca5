import { create } from 'zustand';
import { api } from '../../api/client';
import type { CatalogEntry, ProductDetail } from '../../../../shared/ipc/catalog-contract';
import { toastError } from '../../stores/toast-store';

interface CatalogStore {
  products: CatalogEntry[] | null;
  offline: boolean;
  error: string | null;
  detail: ProductDetail | null;
  detailError: string | null;
  load: () => Promise<void>;
  loadDetail: (id: string) => Promise<void>;
  pull: (id: string) => Promise<void>;
}

export const useCatalogStore = create<CatalogStore>((set, get) => ({
  products: null,
  offline: false,
  error: null,
  detail: null,
  detailError: null,
  load: async () => {
    try {
      const { products, offline } = await api.catalog.products({});
      set({ products, offline, error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  loadDetail: async (id) => {
    if (get().detail?.entry.id !== id) set({ detail: null });
    try {
      set({ detail: await api.catalog.product({ id }), detailError: null });
    } catch (error) {
      set({ detailError: error instanceof Error ? error.message : String(error) });
    }
  },
  pull: async (id) => {
    try {
      await api.catalog.pull({ id });
    } catch (error) {
      toastError(`Could not start the pull of ${id}`, error);
    }
  },
}));

/** Products were pulled or removed (wired by the event bridge): the catalog shows what is on the laptop. */
export function onCatalogDataChanged(): void {
  const store = useCatalogStore.getState();
  void store.load();
  if (store.detail) void store.loadDetail(store.detail.entry.id);
}
