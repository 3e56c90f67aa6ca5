import { describe, expect, it } from 'vitest';
import { lineageFor } from './build-lineage';
import { RUN_EVENT_SCHEMA_URL, runIdFor, toOpenLineage } from './openlineage';
import { sources } from './testing/lineage-fixture';
import { runEventSpecSchema } from './testing/openlineage-spec';

const options = { appVersion: '0.1.0', meshUrl: 'http://active.mesh' };

describe('toOpenLineage', () => {
  it('an analysis run and its export: one COMPLETE RunEvent each, valid against the spec’s required fields', () => {
    const graph = lineageFor(sources(), { kind: 'analysis', id: '4' });
    if (!graph) throw new Error('no graph');
    const events = toOpenLineage(graph, options);
    expect(events.map((e) => e.job.name)).toEqual(['analysis.saved.attr-1', 'export.attribution']);
    for (const event of events) {
      const checked = runEventSpecSchema.safeParse(JSON.parse(JSON.stringify(event)));
      expect(checked.error?.issues ?? []).toEqual([]);
      expect(event.eventType).toBe('COMPLETE');
      expect(event.schemaURL).toBe(RUN_EVENT_SCHEMA_URL);
      expect(event.job.namespace).toBe('meshwork');
    }
    const [run, exported] = events;
    expect(run?.eventTime).toBe('2026-06-30T09:04:00.000Z');
    expect(run?.run.facets?.meshwork).toMatchObject({ ranBy: 'ana', activityLogLine: 4 });
    const touchpoints = run?.inputs.find((i) => i.name === 'touchpoints');
    // The dataset lives in the mesh it was pulled from, not the active one.
    expect(touchpoints?.namespace).toBe('http://mesh.test');
    expect(touchpoints?.facets?.version).toMatchObject({ datasetVersion: 'v7' });
    expect(touchpoints?.facets?.schema).toMatchObject({
      fields: [
        { name: 'customer_id', type: 'VARCHAR', description: 'The customer' },
        { name: 'occurred_at', type: 'TIMESTAMP' },
      ],
    });
    expect(touchpoints?.inputFacets?.dataQualityAssertions).toMatchObject({
      assertions: [
        { assertion: 'touchpoint_id_unique', success: true, column: 'touchpoint_id' },
        { assertion: 'channel_values', success: false, column: 'channel' },
      ],
    });
    // The export read the run's result as well as the two product versions.
    expect(exported?.inputs.map((i) => i.name).sort()).toEqual(['conversions', 'results/4', 'touchpoints']);
    expect(run?.outputs).toEqual([{ namespace: 'meshwork://workbench', name: 'results/4' }]);
  });

  it('an activation: the audience version in, the decision and who activated it on the run', () => {
    const graph = lineageFor(sources(), { kind: 'activation', id: 'act-1' });
    if (!graph) throw new Error('no graph');
    const events = toOpenLineage(graph, options);
    expect(events.map((e) => e.job.name)).toEqual(['audience.build.aud-1', 'audience.activate.aud-1']);
    const [build, activate] = events;
    expect(build?.inputs.map((i) => i.name)).toEqual(['customers']);
    // Customer 360 was pulled before quality checks: no assertions facet rather than an empty claim.
    expect(build?.inputs[0]?.inputFacets).toBeUndefined();
    expect(build?.outputs[0]).toMatchObject({ namespace: 'http://active.mesh', name: 'audiences/aud-1', facets: { version: { datasetVersion: '1' } } });
    expect(build?.run.facets?.meshwork).toMatchObject({ ranBy: 'ana', decisions: [{ by: 'bob', decision: 'approved', at: '2026-06-30T09:07:00.000Z' }] });
    expect(activate?.inputs.map((i) => i.name)).toEqual(['audiences/aud-1']);
    expect(activate?.outputs).toEqual([{ namespace: 'http://active.mesh', name: 'activations/act-1' }]);
    for (const event of events) expect(runEventSpecSchema.safeParse(event).success).toBe(true);
  });

  it('a product version nothing used yields no run events', () => {
    const graph = lineageFor(sources({ entries: [] }), { kind: 'product_version', id: 'touchpoints@v7' });
    if (!graph) throw new Error('no graph');
    expect(toOpenLineage(graph, options)).toEqual([]);
  });

  it('the spec check refuses an event missing a required field', () => {
    const graph = lineageFor(sources(), { kind: 'analysis', id: '4' });
    if (!graph) throw new Error('no graph');
    const [event] = toOpenLineage(graph, options);
    const { producer: _dropped, ...withoutProducer } = event ?? {};
    expect(runEventSpecSchema.safeParse(withoutProducer).success).toBe(false);
    expect(runEventSpecSchema.safeParse({ ...event, run: { runId: 'run-4' } }).success).toBe(false);
  });
});

describe('runIdFor', () => {
  it('is a UUIDv7 carrying the run’s time, the same for the same run', () => {
    const id = runIdFor('2026-06-30T09:04:00.000Z', 'ab'.repeat(32));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 48-bit Unix milliseconds: 2026-06-30T09:04:00Z = 1782810240000 ms = 0x019f17c56400 (the first 12 hex digits).
    expect(id.replace(/-/g, '').slice(0, 12)).toBe(Date.parse('2026-06-30T09:04:00.000Z').toString(16).padStart(12, '0'));
    expect(id).toBe(runIdFor('2026-06-30T09:04:00.000Z', 'ab'.repeat(32)));
    expect(id).not.toBe(runIdFor('2026-06-30T09:04:00.000Z', 'cd'.repeat(32)));
    // A key that is not hex (a node without a log line) still gives a valid, stable id.
    expect(runIdFor('2026-06-30T09:04:00.000Z', 'activation:x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
