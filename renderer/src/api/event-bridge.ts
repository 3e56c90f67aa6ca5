/**
 * The one place main's pushed events reach the renderer's state. Started once from main.tsx
 * (never as a side effect of importing a store), so stores and hooks can be imported and tested
 * without a live host. Server state cached by the query layer is invalidated by key here.
 */
import type { QueryClient } from '@tanstack/react-query';
import { onCampaignsDataChanged } from '../features/campaigns/campaigns-store';
import { onOnlineChanged } from '../stores/session-store';
import { onEvent } from './events';
import { applyJobEvent } from './jobs-queries';

/** Query keys (by domain) whose answers read pulled data, refetched when products change. */
export const DATA_READING_DOMAINS = ['analysis', 'campaigns', 'catalog', 'audiences', 'planning'] as const;

export function startEventBridge(queryClient: QueryClient): () => void {
  const offs = [
    onEvent('online', (e) => {
      onOnlineChanged(e);
      // Another mesh or its return: who you are there is asked again.
      void queryClient.invalidateQueries({ queryKey: ['session'] });
      void queryClient.invalidateQueries({ queryKey: ['connections'] });
      if (e.online) void queryClient.invalidateQueries({ queryKey: ['audiences'] });
    }),
    onEvent('job', (job) => applyJobEvent(queryClient, job)),
    onEvent('dataChanged', (e) => {
      onCampaignsDataChanged(e);
      for (const domain of DATA_READING_DOMAINS) void queryClient.invalidateQueries({ queryKey: [domain] });
    }),
    onEvent('outbox', () => void queryClient.invalidateQueries({ queryKey: ['audiences'] })),
    // Audit forwarding moved: the activity list's "Waiting to send" / "Sent to mesh" badges are stale.
    onEvent('auditForwarding', () => void queryClient.invalidateQueries({ queryKey: ['activity'] })),
  ];
  return () => offs.forEach((off) => off());
}
