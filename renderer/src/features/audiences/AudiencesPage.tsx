import { Page } from '../../app/Page';
import { EmptyState } from '../../ui/States';

export function AudiencesPage() {
  return (
    <Page title="Audiences" testId="page-audiences">
      <EmptyState title="Not available in this build yet." />
    </Page>
  );
}
