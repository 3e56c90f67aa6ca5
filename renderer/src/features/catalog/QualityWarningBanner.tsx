import { useEffect } from 'react';
import { useCatalogStore } from './catalog-store';
import { qualityWarningLines } from './quality-warnings';

/**
 * A warning line per product an analysis reads whose installed version has quality warnings.
 * Any screen can show it: `<QualityWarningBanner products={['customers', 'events']} />`.
 */
export function QualityWarningBanner({ products }: { products: readonly string[] }) {
  const entries = useCatalogStore((s) => s.products);
  const load = useCatalogStore((s) => s.load);
  useEffect(() => {
    if (!entries) void load();
  }, [entries, load]);
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
