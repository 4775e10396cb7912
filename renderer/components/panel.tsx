import type { ReactNode } from 'react';

export interface PanelProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly actions?: ReactNode | undefined;
  readonly testId?: string | undefined;
  readonly className?: string | undefined;
}

export function Panel({ title, children, actions, testId, className }: PanelProps) {
  const headingId = testId !== undefined ? `${testId}-heading` : undefined;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={headingId} data-testid={testId}>
      <header className="panel__header">
        <h2 className="panel__title" id={headingId}>
          {title}
        </h2>
        {actions !== undefined && <div className="panel__actions">{actions}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
