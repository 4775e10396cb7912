import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'safe' | 'watch' | 'danger' | 'critical' | 'info' | 'demo';

export function Badge({
  tone,
  children,
  title,
  testId,
}: {
  readonly tone: BadgeTone;
  readonly children: ReactNode;
  readonly title?: string | undefined;
  readonly testId?: string | undefined;
}) {
  return (
    <span className={`badge badge--${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
