/**
 * The catalog's server state, through the query layer: the product list, one product's detail and
 * starting a pull. Both reads are invalidated by the event bridge when products change (the
 * `catalog` domain reads pulled data), so every screen showing them follows a pull or a removal.
 */
import { useCallback } from 'react';
import { useApiMutation, useApiQuery } from '../../api/queries';
import { toastError } from '../../stores/toast-store';

/**
 * Every product of the active mesh (or the last known list, offline). The catalog screens ask
 * again each time they open, as they always did, since the mesh may have published meanwhile;
 * `fresh: false` is for a banner that only needs what is known.
 */
export function useCatalogProducts({ fresh = true }: { fresh?: boolean } = {}) {
  return useApiQuery('catalog', 'products', {}, fresh ? { refetchOnMount: 'always' } : { staleTime: Infinity });
}

export function useProductDetail(id: string) {
  return useApiQuery('catalog', 'product', { id }, { refetchOnMount: 'always' });
}

/** Starts a pull as a background job; a refusal to start is a toast (the job tray shows the rest). */
export function usePullProduct(): (id: string) => Promise<void> {
  const { mutateAsync } = useApiMutation('catalog', 'pull');
  return useCallback(
    async (id: string) => {
      try {
        await mutateAsync({ id });
      } catch (error) {
        toastError(`Could not start the pull of ${id}`, error);
      }
    },
    [mutateAsync],
  );
}
