import { describe, expect, it } from 'vitest';
import { activationCreateSchema, audienceCreateSchema, audienceListSchema, manifestSchema, meSchema, productListSchema } from './mesh-api';

const product = {
  id: 'customers',
  name: 'Customer 360',
  domain: 'customer',
  owner: 'customer-data',
  description: 'd',
  version: '2026-10-31.1',
  updated_at: '2026-10-31T00:00:00Z',
  freshness_sla_hours: 24,
  classification: 'restricted',
};

describe('Mesh API v1 schemas', () => {
  it('accept richer answers from another mesh: extra fields, numbered versions, unknown roles', () => {
    const list = productListSchema.parse({ products: [{ ...product, version: 7, lineage: ['crm'] }], next: null });
    expect(list.products[0]?.version).toBe('7');
    const me = meSchema.parse({ user: 'u', roles: ['marketer', 'superuser'], purposes: ['ads'], pii_access: false, tenant: 't' });
    expect(me.roles).toEqual(['marketer']);
    const audiences = audienceListSchema.parse({
      audiences: [{ id: 'a', version: '3', name: 'n', status: 'approved', requested_by: 'x', member_count: 1, destination: 'd' }],
    });
    expect(audiences.audiences[0]?.version).toBe(3);
  });

  it('refuse a manifest whose file checksum is not a sha256', () => {
    const result = manifestSchema.safeParse({
      product: 'customers',
      version: '1',
      produced_at: 'now',
      rows: 1,
      files: [{ name: 'f', url: '/f', sha256: 'abc', bytes: 1 }],
    });
    expect(result.success).toBe(false);
  });

  it('keep request bodies strict, so a misspelt field is an error', () => {
    expect(activationCreateSchema.safeParse({ audience_id: 'a', version: 1, verison: 2 }).success).toBe(false);
    expect(activationCreateSchema.safeParse({ audience_id: 'a', version: '1' }).success).toBe(false);
    const audience = { name: 'n', spec: {}, destination: 'meta_ads', holdout_pct: 10, salt: 's', members: [] };
    expect(audienceCreateSchema.safeParse(audience).success).toBe(true);
    expect(audienceCreateSchema.safeParse({ ...audience, holdout_pct: 51 }).success).toBe(false);
    expect(audienceCreateSchema.safeParse({ ...audience, members: [{ customer_id: 'c', email_sha256: 'A'.repeat(64) }] }).success).toBe(false);
  });
});
