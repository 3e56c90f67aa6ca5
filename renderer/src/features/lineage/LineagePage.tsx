import { parseObjectRef } from '../../../../shared/lineage/lineage-graph';
import { useUiStore } from '../../stores/ui-store';
import { LineagePicker } from './LineagePicker';
import { LineageView } from './LineageView';
import './lineage.css';

/** `#/lineage` lists what can be traced; `#/lineage/<kind>:<id>` shows one object's lineage. */
export function LineagePage() {
  const param = useUiStore((s) => s.param);
  const object = param ? parseObjectRef(param) : null;
  return object ? <LineageView key={param} object={object} /> : <LineagePicker badLink={param !== null} />;
}
