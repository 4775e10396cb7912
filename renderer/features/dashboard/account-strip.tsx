import type { Account, Balance } from '../../../shared/domain/account';
import type { AccountRisk, RiskReport } from '../../../shared/domain/risk-report';
import type { RegimeState } from '../../../shared/domain/settings';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { fmt } from '../../../shared/risk/format';
import { Badge } from '../../components/badge';
import { formatPercent, formatUsd } from '../positions/position-rows';
import { SeverityPill } from '../positions/severity-pill';
import { REGIME_TONE } from '../market/market-model';

export interface AccountStripProps {
  readonly accounts: readonly Account[];
  readonly balances: readonly Balance[];
  readonly report: RiskReport;
}

/** Per account and settlement currency: equity, margin used, margin ratio (with which way is danger), regime. */
export function AccountStrip({ accounts, balances, report }: AccountStripProps) {
  const labels = new Map(accounts.map((account) => [account.accountId, account]));
  return (
    <div className="account-strip" data-testid="dashboard-account-strip">
      {report.accounts.map((risk) => {
        const account = labels.get(risk.accountId);
        const balance = balances.find((b) => b.accountId === risk.accountId && b.currency === risk.currency);
        return (
          <AccountCard
            key={`${risk.accountId}|${risk.currency}`}
            risk={risk}
            account={account}
            balance={balance}
            report={report}
          />
        );
      })}
    </div>
  );
}

function AccountCard({
  risk,
  account,
  balance,
  report,
}: {
  readonly risk: AccountRisk;
  readonly account: Account | undefined;
  readonly balance: Balance | undefined;
  readonly report: RiskReport;
}) {
  const ratio = balance?.marginRatio ?? null;
  const regime = mainRegime(risk, report);
  const equityText = risk.currency.startsWith('USD')
    ? formatUsd(risk.equity.value)
    : `${fmt(risk.equity.value ?? Number.NaN, 4)} ${risk.currency}`;
  return (
    <section
      className={`account-card severity-edge--${risk.worstSeverity}`}
      aria-label={`${account?.label ?? risk.accountId} ${risk.currency}`}
      data-testid={`dashboard-account-${risk.accountId}-${risk.currency}`}
    >
      <header className="account-card__head">
        <span className="account-card__venue">{VENUE_LABELS[risk.venue]}</span>
        <span className="account-card__label">{account?.label ?? risk.accountId}</span>
        {account?.demo === true && <Badge tone="demo">DEMO</Badge>}
        <SeverityPill severity={risk.worstSeverity} />
      </header>
      <dl className="account-card__figures">
        <div>
          <dt>Equity</dt>
          <dd>{equityText}</dd>
        </div>
        <div>
          <dt>Maint. margin</dt>
          <dd>{risk.maintenanceMargin.value === null ? '—' : fmt(risk.maintenanceMargin.value, 2)}</dd>
        </div>
        <div>
          <dt
            title={
              ratio === null
                ? undefined
                : ratio.liquidationAt === '100%'
                  ? 'Maintenance ÷ margin balance: liquidation at 100 %'
                  : 'Margin balance ÷ maintenance: liquidation at 0 %'
            }
          >
            Margin ratio
          </dt>
          <dd>
            {ratio === null ? '—' : formatPercent(ratio.value)}
            {ratio !== null && <span className="dim"> ({ratio.liquidationAt} = liquidation)</span>}
          </dd>
        </div>
        <div>
          <dt>Gross lev.</dt>
          <dd>{risk.grossLeverage.value === null ? '—' : `${fmt(risk.grossLeverage.value, 2)}×`}</dd>
        </div>
        {regime !== null && (
          <div>
            <dt>Regime {regime.base}</dt>
            <dd>
              <Badge tone={REGIME_TONE[regime.state]}>{regime.state}</Badge>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** The regime of the account's largest market, on the side the account holds there. */
function mainRegime(risk: AccountRisk, report: RiskReport): { base: string; state: RegimeState } | null {
  const positions = report.positions.filter((p) => p.accountId === risk.accountId && p.settle === risk.currency);
  const largest = positions.reduce<(typeof positions)[number] | null>(
    (best, p) => (p.notionalUsd > (best?.notionalUsd ?? -1) ? p : best),
    null,
  );
  if (largest === null) return null;
  const market = report.markets.find((m) => m.marketKey === largest.marketKey);
  if (market === undefined) return null;
  return { base: market.base, state: market.regime[largest.side].state };
}
