import type { ReactNode } from 'react';
import { QualityWarningBanner } from '../features/catalog/QualityWarningBanner';

/**
 * The frame every screen uses: a title, an optional subtitle and actions, then content. A screen
 * that analyses data names the products it `reads`, and any of them installed with quality
 * warnings gets a warning line under the title (docs/governance.md).
 */
export function Page(props: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode; testId: string; reads?: readonly string[] }) {
  return (
    <section className="page" data-testid={props.testId} aria-labelledby={`${props.testId}-title`}>
      <header className="page-header">
        <div>
          <h1 id={`${props.testId}-title`}>{props.title}</h1>
          {props.subtitle && <p className="page-subtitle">{props.subtitle}</p>}
        </div>
        {props.actions && <div className="page-actions">{props.actions}</div>}
      </header>
      {props.reads && <QualityWarningBanner products={props.reads} />}
      {props.children}
    </section>
  );
}
