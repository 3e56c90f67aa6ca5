import type { z } from 'zod';
import type { activityEntrySchema } from '../../../../shared/ipc/activity-contract';

type Forwarded = z.infer<typeof activityEntrySchema>['forwarded'];

const LOOK = {
  sent: { label: 'Sent to mesh', cls: 'badge-good', title: "In the mesh's audit trail." },
  waiting: { label: 'Waiting to send', cls: 'badge-warn', title: 'Goes to the mesh as soon as it can be reached; nothing to do.' },
  failed: { label: 'Not sent', cls: 'badge-bad', title: 'The mesh refused it; it stays in the activity log on this laptop.' },
} as const;

/** Whether an activity entry reached the mesh's audit trail (docs/governance.md#audit-forwarding). */
export function ForwardedBadge({ forwarded }: { forwarded: Forwarded }) {
  if (!forwarded) return null;
  const look = LOOK[forwarded.state];
  return (
    <span className={`badge ${look.cls}`} title={forwarded.error ?? look.title} data-testid="activity-forwarded" data-state={forwarded.state}>
      {look.label}
    </span>
  );
}
