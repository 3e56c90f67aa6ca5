import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { SavedItem, SavedItemKind } from '../../../../shared/ipc/workspace-contract';
import { toastError, useToastStore } from '../../stores/toast-store';

/**
 * Save, open, rename, duplicate and delete saved analyses of one kind. A saved analysis is its
 * spec (the CLI reruns it exactly); saving a changed spec adds a version.
 */
export function SavedAnalyses({ kind, spec, onOpen, testId }: { kind: SavedItemKind; spec: unknown; onOpen: (item: SavedItem) => void; testId: string }) {
  const [items, setItems] = useState<SavedItem[]>([]);
  const [current, setCurrent] = useState<SavedItem | null>(null);
  const [name, setName] = useState('');
  const reload = useCallback(() => api.workspace.listSaved({ kind }).then((r) => setItems(r.items), () => undefined), [kind]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const save = async (asNew: boolean) => {
    try {
      const item = await api.workspace.save({ ...(current && !asNew ? { id: current.id } : {}), kind, name: name || current?.name || 'Untitled analysis', spec });
      setCurrent(item);
      setName(item.name);
      await reload();
      useToastStore.getState().push({ kind: 'success', title: `Saved "${item.name}"`, detail: `Version ${item.version}` });
    } catch (error) {
      toastError('Could not save', error);
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
      <input aria-label="Name" placeholder="Name this analysis" value={name} onChange={(e) => setName(e.target.value)} data-testid={`${testId}-name`} />
      <button type="button" className="btn btn-primary" onClick={() => void save(false)} data-testid={`${testId}-save`}>
        {current ? 'Save' : 'Save as new'}
      </button>
      {current && (
        <>
          <button type="button" className="btn" onClick={() => void save(true)}>
            Duplicate
          </button>
          <button
            type="button"
            className="btn"
            onClick={() =>
              void api.workspace.remove({ id: current.id }).then(() => {
                setCurrent(null);
                setName('');
                void reload();
              })
            }
          >
            Delete
          </button>
        </>
      )}
      <button
        type="button"
        className="btn"
        title="Copy the spec JSON to rerun it with: npm run -s meshwork -- analyze --data <dir> --spec <file>"
        onClick={() => void navigator.clipboard?.writeText(JSON.stringify(spec, null, 2)).then(() => useToastStore.getState().push({ kind: 'info', title: 'Spec copied', detail: 'Rerun it with meshwork analyze.' }))}
      >
        Copy spec
      </button>
    </div>
  );
}
