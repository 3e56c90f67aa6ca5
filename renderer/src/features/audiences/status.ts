/** How audience and activation statuses read and are coloured, on the list and on a version's page. */
export const STATUS_CLASS: Record<string, string> = {
  approved: 'badge-good',
  rejected: 'badge-bad',
  pending_approval: 'badge-warn',
  succeeded: 'badge-good',
  failed: 'badge-bad',
};

export function statusText(status: string): string {
  return status.replace(/_/g, ' ');
}
