import type { LineageObject } from '../../../../shared/lineage/lineage-graph';
import { useUiStore } from '../../stores/ui-store';
import { entryObject } from './entry-object';
import { lineageParam } from './lineage-view-model';

/** Opens an object's lineage: where it came from and what it fed. Other pages place it beside the object. */
export function LineageLink({
  object,
  label = 'Lineage',
  testId = 'lineage-link',
  className = 'btn btn-small',
}: {
  object: LineageObject;
  label?: string;
  testId?: string;
  className?: string;
}) {
  const navigate = useUiStore((s) => s.navigate);
  return (
    <button
      type="button"
      className={className}
      title="Where it came from and what it fed"
      onClick={() => navigate('lineage', lineageParam(object))}
      data-testid={testId}
    >
      {label}
    </button>
  );
}

/** The "Lineage" link of an activity-log entry, when lineage has something to say about it. */
export function EntryLineageLink({ entry }: { entry: { seq: number; action: string; details: Record<string, unknown> } }) {
  const object = entryObject(entry);
  return object ? <LineageLink object={object} testId="activity-lineage" /> : null;
}
