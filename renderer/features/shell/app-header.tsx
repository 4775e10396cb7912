import type { ReactNode } from 'react';
import { NavTabs } from './nav-tabs';

export function AppHeader({ actions }: { readonly actions?: ReactNode }) {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <svg className="app-header__mark" viewBox="0 0 24 24" aria-hidden="true">
          <path
            d="M12 2 3 6v6c0 5 3.8 9.4 9 10 5.2-.6 9-5 9-10V6l-9-4Z"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          />
          <path d="M7 13h3l2-4 2 6 2-2h1" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        </svg>
        <h1 className="app-header__title" data-testid="shell-header-title">
          Liquidation Guard
        </h1>
        <span className="app-header__tagline">read-only · never places an order</span>
      </div>
      <NavTabs />
      {actions !== undefined && <div className="app-header__actions">{actions}</div>}
    </header>
  );
}
