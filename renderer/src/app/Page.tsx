import type { ReactNode } from 'react';

/** The frame every screen uses: a title, an optional subtitle and actions, then content. */
export function Page(props: { title: string; subtitle?: ReactNode; actions?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <section className="page" data-testid={props.testId} aria-labelledby={`${props.testId}-title`}>
      <header className="page-header">
        <div>
          <h1 id={`${props.testId}-title`}>{props.title}</h1>
          {props.subtitle && <p className="page-subtitle">{props.subtitle}</p>}
        </div>
        {props.actions && <div className="page-actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}
