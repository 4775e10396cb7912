import { describe, expect, it } from 'vitest';
import { RiskWarningSchema, SUGGESTION_KINDS, SuggestionSchema, WARNING_CODES } from './risk-report';

describe('RiskWarningSchema / SuggestionSchema: one union member per code and kind', () => {
  it('has exactly one member for every WARNING_CODES entry', () =>
    expect(RiskWarningSchema.options.map((o) => o.shape.code.value).sort()).toEqual([...WARNING_CODES].sort()));

  it('has exactly one member for every SUGGESTION_KINDS entry', () =>
    expect(SuggestionSchema.options.map((o) => o.shape.kind.value).sort()).toEqual([...SUGGESTION_KINDS].sort()));

  it('rejects a member without its own fields (the old positional shape)', () => {
    const base = { severity: 'watch', subject: { kind: 'position', id: 'p1' }, label: 'X long' };
    expect(RiskWarningSchema.safeParse({ code: 'stale_data', ...base, values: [12], words: [] }).success).toBe(false);
    expect(RiskWarningSchema.safeParse({ code: 'stale_data', ...base, minutes: 12 }).success).toBe(true);
  });
});
