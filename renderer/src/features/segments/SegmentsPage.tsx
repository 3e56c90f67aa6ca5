import { Page } from '../../app/Page';
import { EmptyState } from '../../ui/States';

export function SegmentsPage() {
  return (
    <Page title="Segments" testId="page-segments">
      <EmptyState title="Not available in this build yet." />
    </Page>
  );
}
