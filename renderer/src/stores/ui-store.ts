import { create } from 'zustand';
import { api } from '../api/client';
import { isRouteId, type RouteId } from '../app/routes';

interface UiStore {
  route: RouteId;
  /** Extra part after the route, e.g. a product id: `#/catalog/customers`. */
  param: string | null;
  theme: 'light' | 'dark';
  restored: boolean;
  navigate: (route: RouteId, param?: string | null) => void;
  setTheme: (theme: 'light' | 'dark') => void;
  restore: () => Promise<void>;
}

function parseHash(hash: string): { route: RouteId; param: string | null } | null {
  const [route, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (!route || !isRouteId(route)) return null;
  return { route, param: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

export const useUiStore = create<UiStore>((set, get) => ({
  route: 'catalog',
  param: null,
  theme: 'light',
  restored: false,
  navigate: (route, param = null) => {
    set({ route, param });
    const hash = `#/${route}${param ? `/${encodeURIComponent(param)}` : ''}`;
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
    // Best effort: remembering the last page is a convenience, and a failure here would repeat on
    // every click; the workspace's own errors surface where its data is used.
    void api.workspace.setUiState({ route: param ? `${route}/${param}` : route }).catch(() => undefined);
  },
  setTheme: (theme) => {
    set({ theme });
    // Best effort, as above: the theme still applies for this session.
    void api.workspace.setUiState({ theme }).catch(() => undefined);
  },
  restore: async () => {
    const fromHash = parseHash(window.location.hash);
    try {
      const saved = await api.workspace.getUiState({});
      const target = fromHash ?? parseHash(`#/${saved.route}`) ?? { route: 'catalog' as RouteId, param: null };
      set({ theme: saved.theme, restored: true });
      get().navigate(target.route, target.param);
    } catch {
      set({ restored: true });
      if (fromHash) get().navigate(fromHash.route, fromHash.param);
    }
  },
}));
