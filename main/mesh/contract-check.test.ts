import { describe, expect, it } from 'vitest';
import { loadContract } from '../../fixtures/contracts/load-contracts';
import { contractProblems } from './contract-check';

const touchpoints = [
  { name: 'touchpoint_id', type: 'VARCHAR' },
  { name: 'customer_id', type: 'VARCHAR' },
  { name: 'occurred_at', type: 'TIMESTAMP' },
  { name: 'channel', type: 'VARCHAR' },
  { name: 'campaign_id', type: 'VARCHAR' },
  { name: 'interaction', type: 'VARCHAR' },
  { name: 'device', type: 'VARCHAR' },
];

describe('contract check', () => {
  it('passes the contract columns plus extras', async () => {
    expect(contractProblems(await loadContract('touchpoints'), touchpoints)).toEqual([]);
  });

  it.each(['TIMESTAMP_NS', 'TIMESTAMP_MS', 'TIMESTAMP WITH TIME ZONE'])('reads a %s column as the TIMESTAMP it is', async (type) => {
    const columns = touchpoints.map((c) => (c.name === 'occurred_at' ? { ...c, type } : c));
    expect(contractProblems(await loadContract('touchpoints'), columns)).toEqual([]);
  });

  it('refuses a missing pinned column and a retyped one, naming each', async () => {
    const columns = touchpoints.filter((c) => c.name !== 'channel').map((c) => (c.name === 'occurred_at' ? { ...c, type: 'VARCHAR' } : c));
    const problems = contractProblems(await loadContract('touchpoints'), columns);
    expect(problems.map((p) => p.message).sort()).toEqual(['column channel is missing', 'column occurred_at is VARCHAR, the contract says TIMESTAMP']);
  });
});
