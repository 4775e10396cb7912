/**
 * The risk engine's public API (DESIGN.md §7). Pure functions over plain data; nothing reads a clock.
 * Entry point: `buildRiskReport`. Building blocks for the planner and the detail screens are exported too.
 */
export { buildRiskReport, type MarketExtras, type RiskReportInput, type RiskReportOptions } from './report';
export { suggestionText } from './suggestion-text';
export { distanceFigure, exchangeFigure, NO_TOUCH_REASON, touchFigure } from './report-figures';
export { warningText } from './warning-text';
export { ladderProblemText } from './ladder-problem-text';
export {
  hyperliquidTiers,
  liquidationPrice,
  maintenanceMargin,
  OPEN_CAP,
  singleTier,
  tierIndexAt,
  tiersFromFloors,
} from './liquidation/index';
export type * from './liquidation/types';
export {
  liquidationInputFromPosition,
  positionMaintenance,
  positionUnrealizedPnl,
  type CrossFigures,
  type LiquidationContext,
  type MappedLiquidation,
} from './liquidation/from-position';
export { checkDiscrepancy } from './liquidation/discrepancy';
export { dailySigma, liquidationDistance, type LiquidationDistance } from './distance';
export {
  DEFAULT_JUMPS,
  eitherOf,
  jumpProbability,
  tailScale,
  touchProbabilities,
  touchProbability,
  type JumpParams,
  type TouchInput,
  type TouchProbabilities,
} from './probability';
export {
  atrWilder,
  estimateBeta,
  ewmaVariance,
  garmanKlassVariance,
  logReturns,
  normalCdf,
  parkinsonVariance,
  volatilityStats,
  type VolatilityStats,
} from './stats';
export {
  depthWithin,
  fitLeverageToBound,
  inverseLossPerContract,
  isolatedInverseLiquidationAtLeverage,
  isolatedLiquidationAtLeverage,
  kellyFraction,
  lossPerUnit,
  marketSlippage,
  maxInverseLeverageForDistance,
  maxInverseLeverageForStop,
  maxLeverageForStop,
  sizeInversePosition,
  sizePosition,
  volTargetNotional,
  walkBook,
  type InverseSizeSuggestion,
  type OrderBookSide,
  type SizeCap,
  type SizeInversePositionInput,
  type SizePositionInput,
  type SizeSuggestion,
} from './sizing';
export {
  avoidRoundNumbers,
  ladderRung,
  ladderRungColumns,
  ladderRungList,
  planRungs,
  roundGridStep,
  stopLadder,
  type LadderProblem,
  type LadderRung,
  type RungPlan,
  type StopLadder,
  type StopLadderInput,
} from './stops';
export {
  ladderOrderCount,
  ladderOrders,
  positionLadderOrders,
  rungReason,
  type LadderOrderContext,
} from './ladder-orders';
export {
  reductionText,
  suggestReduction,
  type ReductionContext,
  type ReductionInput,
  type ReductionSuggestion,
} from './reduction';
export {
  classifyRegime,
  fundingApr,
  fundingPer8h,
  REGIME_PARAMS,
  regimeFor,
  stepHysteresis,
  type ClassifyRegimeInput,
  type RegimeMemory,
  type RegimeParams,
  type RegimeResult,
  type RegimeSignals,
} from './regime';
export {
  DEFAULT_SHOCKS,
  defaultBeta,
  highBetaEffect,
  stressCrossAccount,
  stressGrid,
  stressPosition,
  type CrossLeg,
  type PositionStress,
  type StressGrid,
  type StressPositionInput,
} from './stress';
export { binanceAdlScore, bitmexAdlRank, type AdlPosition } from './adl';
export { syntheticSnapshot, type SyntheticOptions } from './synthetic';
