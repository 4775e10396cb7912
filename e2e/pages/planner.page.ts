import type { Locator, Page } from '@playwright/test';

/** The pre-trade planner: the plan form and the live suggestion (size and caps, liquidation, regime, ladder). */
export class PlannerPage {
  readonly tab: Locator;
  readonly screen: Locator;
  readonly venue: Locator;
  readonly symbol: Locator;
  readonly symbolLoading: Locator;
  readonly entry: Locator;
  readonly atrMultiple: Locator;
  readonly stopPrice: Locator;
  readonly risk: Locator;
  readonly leverage: Locator;
  readonly countOpenPositions: Locator;
  readonly useMark: Locator;
  readonly sizeValue: Locator;
  readonly sizeReason: Locator;
  readonly bindingCap: Locator;
  readonly liquidationValue: Locator;
  readonly touchValue: Locator;
  readonly regimeText: Locator;
  readonly ladderRows: Locator;
  /** Coin-margined markets: the note saying sizes are contracts of $F, and the contracts' USD and coin value. */
  readonly inverseNote: Locator;
  readonly sizeContractValue: Locator;
  /** Which equity sizes the trade (under the account picker). */
  readonly equityHint: Locator;
  readonly ladderWorst: Locator;
  readonly ladderMaxLeverage: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('shell-nav-planner-tab');
    this.screen = page.getByTestId('planner-screen');
    this.venue = page.getByTestId('planner-venue-select');
    this.symbol = page.getByTestId('planner-symbol-select');
    this.symbolLoading = page.getByTestId('planner-symbol-loading');
    this.entry = page.getByTestId('planner-entry-input');
    this.atrMultiple = page.getByTestId('planner-atr-input');
    this.stopPrice = page.getByTestId('planner-stop-input');
    this.risk = page.getByTestId('planner-risk-input');
    this.leverage = page.getByTestId('planner-leverage-input');
    this.countOpenPositions = page.getByTestId('planner-count-open-input');
    this.useMark = page.getByTestId('planner-entry-mark-button');
    this.sizeValue = page.getByTestId('planner-size-value');
    this.sizeReason = page.getByTestId('planner-size-reason');
    this.bindingCap = page.locator('[data-testid^="planner-cap-"][data-binding="true"]');
    this.liquidationValue = page.getByTestId('planner-liq-value');
    this.touchValue = page.getByTestId('planner-touch-value');
    this.regimeText = page.getByTestId('planner-regime-text');
    this.ladderRows = page.getByTestId('planner-ladder-row');
    this.inverseNote = page.getByTestId('planner-inverse-note');
    this.sizeContractValue = page.getByTestId('planner-size-contract-value');
    this.equityHint = page.getByTestId('planner-equity-hint');
    this.ladderWorst = page.getByTestId('planner-ladder-worst');
    this.ladderMaxLeverage = page.getByTestId('planner-ladder-max-leverage');
  }

  /** Opens the planner with its hotkey (Ctrl+N; Cmd+N on macOS). */
  async openWithHotkey(): Promise<void> {
    await this.page.keyboard.press(process.platform === 'darwin' ? 'Meta+n' : 'Control+n');
    await this.screen.waitFor();
  }

  /** The words under a field (`planner-<field>-input-error`). */
  errorOf(field: 'entry' | 'atr' | 'stop' | 'risk' | 'leverage'): Locator {
    return this.page.getByTestId(`planner-${field}-input-error`);
  }

  /** The stop-mode radio ("ATR multiple" or "Price"). */
  stopMode(label: 'ATR multiple' | 'Price'): Locator {
    return this.page.getByTestId('planner-stop-mode-segmented').getByLabel(label, { exact: true });
  }

  side(label: 'Long' | 'Short'): Locator {
    return this.page.getByTestId('planner-side-segmented').getByLabel(label, { exact: true });
  }

  /** Replaces a field's text with the keyboard only: focus, select all, type. */
  async typeInto(field: Locator, text: string): Promise<void> {
    await field.focus();
    await this.page.keyboard.press('ControlOrMeta+a');
    if (text === '') await this.page.keyboard.press('Delete');
    else await this.page.keyboard.type(text);
  }
}
