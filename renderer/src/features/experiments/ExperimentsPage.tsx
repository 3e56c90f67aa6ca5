import { Page } from '../../app/Page';
import { EmptyState } from '../../ui/States';

export function ExperimentsPage() {
  return (
    <Page title="Experiments" testId="page-experiments">
      <EmptyState title="Not available in this build yet." />
    </Page>
  );
}
