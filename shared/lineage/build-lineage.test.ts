import { describe, expect, it } from 'vitest';
import { lineageFor } from './build-lineage';
import type { LineageGraph } from './lineage-graph';
import { sources } from './testing/lineage-fixture';

const titles = (g: LineageGraph | null) => (g?.nodes ?? []).map((n) => `${n.kind}:${n.title}`).sort();
const node = (g: LineageGraph | null, key: string) => g?.nodes.find((n) => n.key === key);
const fact = (g: LineageGraph | null, key: string, label: string) => node(g, key)?.facts.find((f) => f.label === label)?.value;
const layerOf = (g: LineageGraph | null, key: string) => g?.layers.findIndex((l) => l.includes(key));

describe('lineageFor', () => {
  it('an analysis run: the product versions it read (contract, quality), its saved spec, who ran it and the export it fed', () => {
    const g = lineageFor(sources(), { kind: 'analysis', id: '4' });
    expect(titles(g)).toEqual([
      'analysis:Attribution run',
      'export:Attribution export',
      'product_version:Conversions',
      'product_version:Touchpoints',
      'saved_spec:Spring attribution',
    ]);
    expect(node(g, 'analysis:4')?.who).toBe('ana');
    // Version 2's spec hash is the one the run recorded, not version 1's.
    expect(node(g, 'analysis:4')?.subtitle).toBe('of "Spring attribution", version 2');
    const tp = node(g, 'product_version:touchpoints@v7');
    expect(tp?.product?.contractVersion).toBe('1.2.0');
    // One warning-level rule failed of two checked.
    expect(tp?.product?.quality).toEqual({ status: 'warnings', failedErrors: 0, warnings: 1, checked: 2 });
    expect(fact(g, 'product_version:touchpoints@v7', 'Quality')).toBe('1 warning of 2 rules');
    expect(tp?.who).toBe('ana');
    expect(g?.edges).toContainEqual({ from: 'product_version:touchpoints@v7', to: 'analysis:4', relation: 'read', inferred: false });
    expect(g?.edges).toContainEqual({ from: 'saved_spec:attr-1', to: 'analysis:4', relation: 'specified', inferred: false });
    expect(g?.edges).toContainEqual({ from: 'analysis:4', to: 'export:5', relation: 'fed', inferred: true });
    // Upstream -> downstream: data and spec, then the run, then the export.
    expect([layerOf(g, 'product_version:touchpoints@v7'), layerOf(g, 'saved_spec:attr-1'), layerOf(g, 'analysis:4'), layerOf(g, 'export:5')]).toEqual([
      0, 0, 1, 2,
    ]);
  });

  it('an export: the run it came from and the versions it read', () => {
    const g = lineageFor(sources(), { kind: 'export', id: '5' });
    expect(titles(g)).toEqual([
      'analysis:Attribution run',
      'export:Attribution export',
      'product_version:Conversions',
      'product_version:Touchpoints',
      'saved_spec:Spring attribution',
    ]);
    expect(fact(g, 'export:5', 'Format')).toBe('CSV');
    expect(
      g?.edges
        .filter((e) => e.to === 'export:5')
        .map((e) => e.from)
        .sort(),
    ).toEqual(['analysis:4', 'product_version:conversions@v3', 'product_version:touchpoints@v7']);
  });

  it('an audience version: its segment, the versions it read, who requested and who approved it, and its activation', () => {
    const g = lineageFor(sources(), { kind: 'audience_version', id: 'aud-1@1' });
    expect(titles(g)).toEqual([
      'activation:Activation of Spring buyers',
      'approval:Approved by bob',
      'audience_version:Spring buyers',
      'product_version:Customer 360',
      'saved_spec:Recent buyers',
    ]);
    const audience = node(g, 'audience_version:aud-1@1');
    expect(audience?.who).toBe('ana');
    expect(audience?.subtitle).toBe('version 1 for Meta Ads custom audience');
    expect(node(g, 'approval:7')?.who).toBe('bob');
    expect(g?.edges).toContainEqual({ from: 'approval:7', to: 'audience_version:aud-1@1', relation: 'approved', inferred: false });
    expect(g?.edges).toContainEqual({ from: 'saved_spec:seg-1', to: 'audience_version:aud-1@1', relation: 'fed', inferred: false });
    // Customers was pulled before quality checks existed on this laptop.
    expect(fact(g, 'product_version:customers@v5', 'Quality')).toBe('not checked (pulled before quality checks)');
  });

  it('an activation: the audience version it sent, its approval, segment and data', () => {
    const g = lineageFor(sources(), { kind: 'activation', id: 'act-1' });
    expect(titles(g)).toEqual([
      'activation:Activation of Spring buyers',
      'approval:Approved by bob',
      'audience_version:Spring buyers',
      'product_version:Customer 360',
      'saved_spec:Recent buyers',
    ]);
    expect(layerOf(g, 'activation:act-1')).toBe(2);
    expect(layerOf(g, 'approval:7')).toBe(0);
  });

  it('a product version forward: everything that used it, without the other products those runs read', () => {
    const g = lineageFor(sources(), { kind: 'product_version', id: 'touchpoints@v7' });
    expect(titles(g)).toEqual(['analysis:Attribution run', 'export:Attribution export', 'product_version:Touchpoints', 'saved_spec:Spring attribution']);
    const customers = lineageFor(sources(), { kind: 'product_version', id: 'customers@v5' });
    expect(titles(customers)).toEqual([
      'activation:Activation of Spring buyers',
      'approval:Approved by bob',
      'audience_version:Spring buyers',
      'product_version:Customer 360',
      'saved_spec:Recent buyers',
    ]);
  });

  it('a product version nothing used yet is its own lineage', () => {
    const s = sources({ entries: [] });
    const g = lineageFor(s, { kind: 'product_version', id: 'conversions@v3' });
    expect(titles(g)).toEqual(['product_version:Conversions']);
    expect(g?.layers).toEqual([['product_version:conversions@v3']]);
  });

  it('a saved spec: every run of it and what those runs read', () => {
    const g = lineageFor(sources(), { kind: 'saved_spec', id: 'attr-1' });
    expect(titles(g)).toEqual([
      'analysis:Attribution run',
      'export:Attribution export',
      'product_version:Conversions',
      'product_version:Touchpoints',
      'saved_spec:Spring attribution',
    ]);
    // A saved spec never run is still an answer (nothing used it yet).
    const none = lineageFor(sources({ saved: [{ id: 'new', kind: 'budget', name: 'Q3 plan', versions: [{ version: 1, specHash: 'never-run' }] }] }), {
      kind: 'saved_spec',
      id: 'new',
    });
    expect(titles(none)).toEqual(['saved_spec:Q3 plan']);
  });

  it('an entry written before lineage was recorded says so, and lists what was loaded', () => {
    const g = lineageFor(sources(), { kind: 'analysis', id: '9' });
    expect(titles(g)).toEqual(['analysis:Segment run']);
    expect(fact(g, 'analysis:9', 'Read')).toBe('product versions not recorded');
    expect(fact(g, 'analysis:9', 'Loaded at the time')).toBe('customers v4, touchpoints v6');
  });

  it('older submissions, decisions and activations are linked from the mesh answer they kept', () => {
    const g = lineageFor(
      sources({
        entries: [
          {
            seq: 1,
            at: '2026-06-01T10:00:00Z',
            user: 'ana',
            action: 'submit',
            summary: 'Submit audience Old list (12 members) to braze_email',
            details: { result: { id: 'a9', version: 2 } },
            hash: 'a'.repeat(64),
          },
          {
            seq: 2,
            at: '2026-06-01T11:00:00Z',
            user: 'bob',
            action: 'approve',
            summary: 'Approve audience a9 v2',
            details: { result: { id: 'a9', version: 2, status: 'approved' } },
            hash: 'b'.repeat(64),
          },
          {
            seq: 3,
            at: '2026-06-01T12:00:00Z',
            user: 'ana',
            action: 'activate',
            summary: 'Activate audience a9 v2',
            details: { result: { id: 'act-9', audience_id: 'a9', version: 2, status: 'queued' } },
            hash: 'c'.repeat(64),
          },
        ],
      }),
      { kind: 'activation', id: 'act-9' },
    );
    expect(titles(g)).toEqual(['activation:Activation of Old list', 'approval:Approved by bob', 'audience_version:Old list']);
    expect(fact(g, 'audience_version:a9@2', 'Read')).toBe('product versions not recorded');
  });

  it('an activation of a version built on another laptop names what is not known here', () => {
    const g = lineageFor(
      sources({
        entries: [
          {
            seq: 1,
            at: '2026-06-01T12:00:00Z',
            user: 'bob',
            action: 'activate',
            summary: 'x',
            details: { audience: { id: 'a5', version: 1 }, activationId: 'z' },
            hash: 'c'.repeat(64),
          },
        ],
        audienceNames: { a5: 'Lapsed' },
      }),
      { kind: 'activation', id: 'z' },
    );
    const audience = node(g, 'audience_version:a5@1');
    expect(audience?.title).toBe('Lapsed');
    expect(audience?.recorded).toBe(false);
    expect(audience?.facts).toContainEqual({ label: 'Built', value: 'not on this laptop: what it read is not recorded here' });
  });

  it('a version pruned from the cache keeps the contract version the run recorded', () => {
    const s = sources({ installed: [] });
    const g = lineageFor(s, { kind: 'analysis', id: '4' });
    const tp = node(g, 'product_version:touchpoints@v7');
    expect(tp?.recorded).toBe(false);
    expect(tp?.product?.contractVersion).toBe('1.2.0');
    expect(fact(g, 'product_version:touchpoints@v7', 'Quality')).toBe('not known (this version is no longer on this laptop)');
  });

  it('an object this laptop does not know is null', () => {
    expect(lineageFor(sources(), { kind: 'analysis', id: '99' })).toBeNull();
    expect(lineageFor(sources(), { kind: 'analysis', id: '5' })).toBeNull(); // line 5 is an export
    expect(lineageFor(sources(), { kind: 'saved_spec', id: 'gone' })).toBeNull();
  });

  it("a decision made on the approver's laptop comes from the mesh, unless this log has it", () => {
    const withoutApproval = sources().entries.filter((e) => e.action !== 'approve');
    const decisions = [{ audience: { id: 'aud-1', version: 1 }, decision: 'approved' as const, by: 'bob', at: '2026-06-30T09:30:00Z' }];
    const g = lineageFor(sources({ entries: withoutApproval, decisions }), { kind: 'activation', id: 'act-1' });
    const approval = node(g, 'approval:mesh-aud-1@1');
    expect(approval?.title).toBe('Approved by bob');
    expect(approval?.facts).toEqual([{ label: 'Recorded', value: "by the mesh (decided on the approver's laptop)" }]);
    // With the approval in the log, the mesh's copy adds nothing.
    const both = lineageFor(sources({ decisions }), { kind: 'activation', id: 'act-1' });
    expect(both?.nodes.filter((n) => n.kind === 'approval').map((n) => n.key)).toEqual(['approval:7']);
  });
});
