import { describe, expect, it } from 'vitest';
import { entryObject } from './entry-object';

describe('entryObject', () => {
  it('links each kind of entry to the object whose lineage answers for it', () => {
    expect(entryObject({ seq: 1, action: 'pull', details: { product: 'touchpoints', version: 'v7', rows: 3 } })).toEqual({
      kind: 'product_version',
      id: 'touchpoints@v7',
    });
    expect(entryObject({ seq: 4, action: 'analysis', details: { kind: 'attribution' } })).toEqual({ kind: 'analysis', id: '4' });
    expect(entryObject({ seq: 5, action: 'export', details: {} })).toEqual({ kind: 'export', id: '5' });
    expect(entryObject({ seq: 6, action: 'submit', details: { audience: { id: 'a1', version: 2 } } })).toEqual({ kind: 'audience_version', id: 'a1@2' });
    expect(entryObject({ seq: 7, action: 'approve', details: { audience: { id: 'a1', version: 2 } } })).toEqual({ kind: 'audience_version', id: 'a1@2' });
    expect(entryObject({ seq: 8, action: 'activate', details: { audience: { id: 'a1', version: 2 }, activationId: 'act-1' } })).toEqual({
      kind: 'activation',
      id: 'act-1',
    });
  });

  it('older entries: the audience version and activation from the mesh answer they kept', () => {
    expect(entryObject({ seq: 6, action: 'submit', details: { result: { id: 'a1', version: 3, status: 'pending_approval' } } })).toEqual({
      kind: 'audience_version',
      id: 'a1@3',
    });
    expect(entryObject({ seq: 9, action: 'activate', details: { result: { id: 'act-2', audience_id: 'a1', version: 3 } } })).toEqual({
      kind: 'activation',
      id: 'act-2',
    });
  });

  it('no link where lineage has nothing to say', () => {
    expect(entryObject({ seq: 2, action: 'connection', details: { url: 'http://x' } })).toBeNull();
    expect(entryObject({ seq: 3, action: 'pull', details: {} })).toBeNull();
    expect(entryObject({ seq: 3, action: 'reject', details: { result: null } })).toBeNull();
  });
});
