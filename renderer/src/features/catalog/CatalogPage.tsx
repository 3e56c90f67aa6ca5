import { Page } from '../../app/Page';
import { EmptyState } from '../../ui/States';

export function CatalogPage() {
  return (
    <Page title="Catalog" testId="page-catalog">
      <EmptyState title="Not available in this build yet." />
    </Page>
  );
}
