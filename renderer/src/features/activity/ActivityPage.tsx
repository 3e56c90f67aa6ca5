import { Page } from '../../app/Page';
import { EmptyState } from '../../ui/States';

export function ActivityPage() {
  return (
    <Page title="Activity" testId="page-activity">
      <EmptyState title="Not available in this build yet." />
    </Page>
  );
}
