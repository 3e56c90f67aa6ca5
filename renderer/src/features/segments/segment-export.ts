import type { ExportTable } from '../../../../shared/ipc/exports-contract';

/** A segment's membership (every matching customer id, as the segment spec's `members` gives them). */
export function segmentMembersTable(name: string, members: readonly string[]): ExportTable {
  return { kind: 'segment_members', title: `segment ${name}`, columns: [{ name: 'customer_id', type: 'VARCHAR' }], rows: members.map((id) => [id]) };
}
