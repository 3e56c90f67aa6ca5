import { describe, expect, it } from 'vitest';
import { lineageFor } from '../../../../shared/lineage/build-lineage';
import { sources } from '../../../../shared/lineage/testing/lineage-fixture';
import { layerHeading, upstreamLines } from './lineage-view-model';

describe('lineage view model', () => {
  const graph = lineageFor(sources(), { kind: 'export', id: '5' });
  if (!graph) throw new Error('no graph');

  it('names each layer by what it holds', () => {
    const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
    expect(graph.layers.map((l) => layerHeading(l.map((k) => byKey.get(k)!)))).toEqual(['Product versions and saved spec', 'Analysis run', 'Export']);
  });

  it('says in words what each card came from, and when a link is inferred', () => {
    expect(upstreamLines(graph, 'analysis:4')).toEqual(['Read Touchpoints (version v7)', 'Read Conversions (version v3)', 'Ran the spec "Spring attribution"']);
    expect(upstreamLines(graph, 'export:5')).toEqual([
      'Read Touchpoints (version v7)',
      'Read Conversions (version v3)',
      'Came from Attribution run, the latest run of its kind before it',
    ]);
  });
});
