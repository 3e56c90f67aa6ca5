import { Page } from '../../app/Page';
import { useUiStore } from '../../stores/ui-store';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { humanize } from '../../../../shared/display-names';
import { formatAge, formatCount } from '../../../../shared/format';
import type { CatalogEntry } from '../../../../shared/ipc/catalog-contract';
import { useCatalogProducts } from './catalog-queries';
import { FreshnessBadge } from './FreshnessBadge';
import { GetStarted } from './GetStarted';
import { ProductPage } from './ProductPage';
import { PullButton } from './PullButton';
import { SharedTables } from './SharedTables';
import { QualityBadge } from './QualityBadge';
import { RetentionBadge } from './RetentionBadge';
import './catalog.css';

/**
 * Products ordered by domain, then name. They flow through one grid (each card names its domain)
 * rather than a row per domain: with one or two products a domain, per-domain rows left a third of
 * a laptop screen empty.
 */
function byDomain(products: CatalogEntry[]): CatalogEntry[] {
  return [...products].sort((a, b) => a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));
}

function ProductCard({ entry }: { entry: CatalogEntry }) {
  const navigate = useUiStore((s) => s.navigate);
  return (
    <article className="product-card" data-testid={`product-${entry.id}`} data-domain={entry.domain}>
      <div className="product-card-domain" data-testid={`domain-${entry.id}`}>
        {humanize(entry.domain)} domain
      </div>
      <header className="product-card-head">
        <button type="button" className="link-button" onClick={() => navigate('catalog', entry.id)} data-testid={`open-${entry.id}`}>
          {entry.name}
        </button>
        <span className="product-card-badges">
          <FreshnessBadge entry={entry} /> <QualityBadge entry={entry} />
        </span>
      </header>
      <p className="product-desc">{entry.description}</p>
      <dl className="facts small">
        <dt>Owner</dt>
        <dd>{entry.owner}</dd>
        <dt>Version</dt>
        <dd>{entry.version}</dd>
        <dt>Classification</dt>
        <dd>
          {entry.classification}
          {entry.pseudonymised && (
            <span className="badge" title="E-mail arrives as its SHA-256, phone as empty">
              {' '}
              PII pseudonymised
            </span>
          )}
        </dd>
        <dt>On this laptop</dt>
        <dd data-testid={`cached-${entry.id}`}>
          {entry.cached
            ? `${entry.cached.version}, pulled ${formatAge(entry.cached.fetchedAt)}${entry.cached.rows !== null ? `, ${formatCount(entry.cached.rows)} rows` : ''}`
            : 'Not pulled yet'}
          {entry.retention && (
            <>
              {' '}
              <RetentionBadge entry={entry} />
            </>
          )}
        </dd>
      </dl>
      <PullButton entry={entry} compact />
    </article>
  );
}

export function CatalogPage() {
  const param = useUiStore((s) => s.param);
  const catalog = useCatalogProducts();
  const products = catalog.data?.products ?? null;
  const offline = catalog.data?.offline ?? false;
  const error = catalog.error?.message ?? null;
  const load = () => catalog.refetch();
  if (param) return <ProductPage id={param} />;
  return (
    <Page
      title="Data catalog"
      subtitle="Governed data products published by your marketing domains. Pull the ones you need; everything works offline from what you pulled."
      testId="page-catalog"
      actions={
        <button type="button" className="btn" onClick={() => void load()}>
          Reload
        </button>
      }
    >
      {offline && (
        <div className="banner banner-warn" data-testid="offline-banner">
          The mesh is unreachable: this is the catalog as last seen, and your pulled extracts still work.
        </div>
      )}
      {error && !products && <ErrorState title="The catalog could not be loaded" message={error} onRetry={() => void load()} />}
      {!error && !products && <LoadingBlock label="Loading the catalog" />}
      {products && <GetStarted products={products} />}
      {products && products.length === 0 && <EmptyState title="This mesh publishes no data products yet." />}
      {products && products.length > 0 && (
        <section className="product-grid" aria-label="Data products by domain" data-testid="product-grid">
          {byDomain(products).map((p) => (
            <ProductCard key={p.id} entry={p} />
          ))}
        </section>
      )}
      <SharedTables />
    </Page>
  );
}
