import type { SavedItem, SavedItemKind } from '../../../../shared/ipc/workspace-contract';
import { apiKey, useApiMutation, useApiQuery } from '../../api/queries';

/** Every list of saved items, whatever its kind filter: what a save, rename or delete makes stale. */
const SAVED_LISTS = [apiKey('workspace', 'listSaved')] as const;

/** Saved items of one kind, shared by every screen that shows them (the overlap heatmap included). */
export function useSavedItems(kind: SavedItemKind) {
  const query = useApiQuery('workspace', 'listSaved', { kind });
  return { ...query, items: query.data?.items ?? [] };
}

export function useSaveItem() {
  return useApiMutation('workspace', 'save', SAVED_LISTS);
}

export function useRemoveItem() {
  return useApiMutation('workspace', 'remove', SAVED_LISTS);
}

/**
 * A name not yet taken among `items`: "High value" -> "High value (copy)" -> "High value (copy 2)".
 * Duplicating an analysis used to create a second entry with the same name.
 */
export function uniqueName(base: string, items: readonly Pick<SavedItem, 'name'>[], suffix = 'copy'): string {
  const taken = new Set(items.map((i) => i.name.trim().toLowerCase()));
  const root = base.replace(new RegExp(`\\s*\\(${suffix}(?: \\d+)?\\)$`), '').trim() || 'Untitled analysis';
  if (!taken.has(root.toLowerCase()) && base.trim() === root) return root;
  for (let n = 1; ; n++) {
    const candidate = `${root} (${suffix}${n === 1 ? '' : ` ${n}`})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
