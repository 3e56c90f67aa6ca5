import { Page } from '../../app/Page';
import { EmptyState } from '../../ui/States';

export function CampaignsPage() {
  return (
    <Page title="Campaigns" testId="page-campaigns">
      <EmptyState title="Not available in this build yet." />
    </Page>
  );
}
