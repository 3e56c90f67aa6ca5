import { useState } from 'react';
import type { SavedItem, SavedItemKind, SavedSpec } from '../../../../shared/ipc/workspace-contract';
import { parseSpec } from '../../../../shared/specs/index';
import { toastError, useToastStore } from '../../stores/toast-store';
import { plainError } from '../../ui/plain-error';
import { uniqueName, useRemoveItem, useSaveItem, useSavedItems } from './saved-items';
import { LineageLink } from '../lineage/LineageLink';

/**
 * Save, open, duplicate and delete saved analyses of one kind. A saved analysis is its spec (the
 * CLI reruns it exactly); saving a changed spec adds a version. The list is the query layer's,
 * so every screen showing saved items of this kind (the overlap heatmap, the audience builder)
 * sees a save at once.
 */
export function SavedAnalyses({
  kind,
  spec,
  onOpen,
  testId,
  cannotSave = null,
}: {
  kind: SavedItemKind;
  spec: SavedSpec;
  onOpen: (item: SavedItem) => void;
  testId: string;
  /** Why the spec cannot be saved yet (an unfinished builder): saving is disabled and this is its tooltip. */
  cannotSave?: string | null;
}) {
  const { items } = useSavedItems(kind);
  const saveItem = useSaveItem();
  const removeItem = useRemoveItem();
  const [current, setCurrent] = useState<SavedItem | null>(null);
  const [name, setName] = useState('');
  // A name the workspace refused (too long) is said at the name field, not in a toast.
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const busy = saveItem.isPending || removeItem.isPending;

  const save = async (asNew: boolean) => {
    const wanted = name.trim() || current?.name || 'Untitled analysis';
    // A new entry never takes a name already in the list (Duplicate used to make twins).
    const finalName = asNew || !current ? uniqueName(wanted, items) : wanted;
    try {
      const item = await saveItem.mutateAsync({ ...(current && !asNew ? { id: current.id } : {}), kind, name: finalName, spec });
      setCurrent(item);
      setName(item.name);
      useToastStore.getState().push({ kind: 'success', title: `Saved "${item.name}"`, detail: `Version ${item.version}` });
    } catch (error) {
      const plain = plainError(error, { name: 'The name' });
      if (plain.field === 'name') setNameError(plain.message);
      else toastError('Could not save', error);
    }
  };

  const remove = async () => {
    if (!current) return;
    try {
      await removeItem.mutateAsync({ id: current.id });
      useToastStore.getState().push({ kind: 'info', title: `Deleted "${current.name}"` });
      setCurrent(null);
      setName('');
    } catch (error) {
      toastError('Could not delete', error);
    }
  };

  return (
    <div className="saved-bar" data-testid={testId}>
      <select
        aria-label="Open a saved analysis"
        value={current?.id ?? ''}
        onChange={(e) => {
          const item = items.find((i) => i.id === e.target.value);
          if (item) {
            // A saved spec is checked like any spec before a builder opens it (it may predate a schema change).
            if (item.kind !== 'dashboard_view') {
              try {
                parseSpec(item.spec);
              } catch (error) {
                toastError(`"${item.name}" cannot be opened`, error);
                return;
              }
            }
            setCurrent(item);
            setName(item.name);
            onOpen(item);
          }
        }}
        data-testid={`${testId}-open`}
      >
        <option value="">{items.length ? 'Open saved…' : 'Nothing saved yet'}</option>
        {items.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name} (v{i.version})
          </option>
        ))}
      </select>
      <input
        aria-label="Name"
        placeholder="Name this analysis"
        value={name}
        aria-invalid={Boolean(nameError)}
        onChange={(e) => {
          setName(e.target.value);
          setNameError(undefined);
        }}
        data-testid={`${testId}-name`}
      />
      {nameError && (
        <span className="field-error" role="alert" data-testid={`${testId}-name-error`}>
          {nameError}
        </span>
      )}
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy || cannotSave !== null}
        title={cannotSave ?? undefined}
        onClick={() => void save(false)}
        data-testid={`${testId}-save`}
      >
        {current ? 'Save' : 'Save as new'}
      </button>
      {current && (
        <>
          <button
            type="button"
            className="btn"
            disabled={busy || cannotSave !== null}
            title={cannotSave ?? undefined}
            onClick={() => void save(true)}
            data-testid={`${testId}-duplicate`}
          >
            Duplicate
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void remove()} data-testid={`${testId}-delete`}>
            Delete
          </button>
          <LineageLink object={{ kind: 'saved_spec', id: current.id }} className="btn" testId={`${testId}-lineage`} />
        </>
      )}
      <button
        type="button"
        className="btn"
        title="Copy the spec JSON to rerun it with: npm run -s meshwork -- analyze --data <dir> --spec <file>"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(JSON.stringify(spec, null, 2))
            .then(() => useToastStore.getState().push({ kind: 'info', title: 'Spec copied', detail: 'Rerun it with meshwork analyze.' }))
        }
      >
        Copy spec
      </button>
    </div>
  );
}
