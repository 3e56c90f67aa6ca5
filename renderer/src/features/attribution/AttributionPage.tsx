import { Page } from '../../app/Page';
import { EmptyState } from '../../ui/States';

export function AttributionPage() {
  return (
    <Page title="Attribution" testId="page-attribution">
      <EmptyState title="Not available in this build yet." />
    </Page>
  );
}
