import { useCatalogProducts } from './catalog-queries';
import { qualityWarningLines } from './quality-warnings';

/**
 * A warning line per product an analysis reads whose installed version has quality warnings.
 * Any screen can show it: `<QualityWarningBanner products={['customers', 'events']} />`.
 */
export function QualityWarningBanner({ products }: { products: readonly string[] }) {
  // What is known is enough: the list is refetched whenever pulled data changes.
  const entries = useCatalogProducts({ fresh: false }).data?.products ?? null;
  const lines = qualityWarningLines(entries, products);
  if (lines.length === 0) return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="quality-warning-banner">
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}
