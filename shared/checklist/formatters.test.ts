import { describe, expect, it } from 'vitest';
import { buildChecklist } from './build-checklist';
import { redactSecrets } from './text';
import {
  fixtureReport,
  fixtureSettings,
  fixtureSnapshot,
  GENERATED_AT,
  SMUGGLED_SECRETS,
} from './testing/checklist-fixture';
import { smallChecklist } from './testing/small-checklist';
import { csvField, toCsv } from './to-csv';
import { escapeHtml, toHtml } from './to-html';
import { toJson } from './to-json';
import { escapeMarkdown, toMarkdown } from './to-markdown';

// Expected texts below are the small checklist (testing/small-checklist.ts) laid out by document.ts, block by block.
describe('toMarkdown', () => {
  it('renders the small case exactly', () => {
    expect(toMarkdown(smallChecklist())).toBe(
      [
        '# Pre-trade risk checklist',
        '',
        '_Liquidation Guard 0.1.0 · generated 2024-08-05 03:12:00 UTC · data read 2024-08-05 03:11:58 UTC_',
        '',
        '**1 position: 1 danger. 1 position is in danger or critical.**',
        '',
        '## Data sources',
        '',
        '- [ ] Binance · Main (…abcd): ok, data at 2024-08-05 03:11:58 UTC',
        '',
        '## Positions (worst first)',
        '',
        '| # | Severity | Position | Account | Size · notional | Lev. | Entry | Mark | Liq. price | Distance | 24 h touch |',
        '|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
        '| 1 | DANGER | BTC/USDT:USDT long (cross) · Binance | Main (…abcd) | 0.5 BTC · 30,000 USD | 20× | 61,000.00 | 60,000.00 | 57,000.00 | 5.00 % · 1.50 σ | 8.00 % |',
        '',
        '### 1. DANGER · BTC/USDT:USDT long · Binance · Main (…abcd)',
        '',
        'Why: liquidation is 1.50 daily σ away.',
        '',
        '- [ ] **DANGER** BTC/USDT:USDT long: liquidation at 57,000.00 is 5.00 % away',
        '- [ ] Reduce BTC/USDT:USDT long by 0.2 BTC (40 % of 0.5)',
        '  - moves the liquidation price to 4 daily σ',
        '',
        '## Market regime',
        '',
        'No market data.',
        '',
        '## Stress test',
        '',
        'Instant BTC moves of −5 %, −10 %, carried to each asset by its beta; other positions held at mark.',
        '',
        '| Position | Under the shock grid |',
        '|---|---|',
        '| BTC/USDT:USDT long · Binance · Main (…abcd) | liquidated at BTC −5 % (BTC −5.0 %) |',
        '',
        '## Settings used',
        '',
        '| Setting | Value |',
        '|---|---|',
        '| Risk per trade | 1 % of equity |',
        '',
        '## Notes',
        '',
        '- Liquidation Guard never places an order.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['a | b', 'a \\| b'],
    ['*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['[link](x) <b>', '\\[link\\](x) \\<b\\>'],
    ['line\nbreak', 'line break'],
    ['back\\slash `code`', 'back\\\\slash \\`code\\`'],
  ])('escapes %j', (input, expected) => expect(escapeMarkdown(input)).toBe(expected));
});

describe('toCsv', () => {
  it('renders the small case exactly: one row per item, CRLF, quoted where needed', () => {
    const tail = ',,2024-08-05 03:12:00 UTC,2024-08-05 03:11:58 UTC';
    expect(toCsv(smallChecklist())).toBe(
      [
        'id,section,severity,kind,code,venue,account,symbol,side,item,detail,done,generated_at_utc,data_at_utc',
        `data:a1:1,data,safe,status,ok,binance,Binance · Main (…abcd),,,"Binance · Main (…abcd): ok, data at 2024-08-05 03:11:58 UTC",${tail}`,
        `position:a1|BTC/USDT:USDT|long:1,position,danger,warning,liquidation_near,binance,Binance · Main (…abcd),BTC/USDT:USDT,long,"BTC/USDT:USDT long: liquidation at 57,000.00 is 5.00 % away",${tail}`,
        `position:a1|BTC/USDT:USDT|long:2,position,danger,action,reduce_position,binance,Binance · Main (…abcd),BTC/USDT:USDT,long,Reduce BTC/USDT:USDT long by 0.2 BTC (40 % of 0.5),moves the liquidation price to 4 daily σ${tail}`,
        '',
      ].join('\r\n'),
    );
  });

  it.each([
    // RFC 4180 §2.5–2.7: quote fields with commas, quotes, CR or LF; double the quotes inside.
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['lf\nonly', '"lf\nonly"'],
    ['', ''],
    // OWASP CSV injection: a leading = + - @ tab or CR would run as a formula in a spreadsheet.
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1', "'+1"],
    ['-5 %', "'-5 %"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['−5 %', '−5 %'],
  ])('field %j → %j', (input, expected) => expect(csvField(input)).toBe(expected));

  it('has as many records as items plus the header, and every record the same number of fields', () => {
    const c = buildChecklist(fixtureReport(), fixtureSnapshot(), fixtureSettings(), {
      generatedAt: GENERATED_AT,
      appVersion: '0.1.0',
    });
    const records = parseCsv(toCsv(c));
    // Fixture: 2 sources + 5 SOL + 3 ETH short + 1 ETH long + 2 account + 1 market + 1 general = 15 items.
    expect(records).toHaveLength(16);
    for (const r of records) expect(r).toHaveLength(14);
    // The account label `Scalps | "fast"` survives the round trip.
    expect(records.some((r) => r[6] === 'Bybit · Scalps | "fast" (…wxyz)')).toBe(true);
  });
});

describe('toHtml', () => {
  it('renders the small case exactly (body)', () => {
    const html = toHtml(smallChecklist());
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain('<title>Pre-trade risk checklist</title>');
    const body = html.slice(html.indexOf('<body>\n') + 7, html.indexOf('</body>'));
    expect(body).toBe(
      [
        '<h1>Pre-trade risk checklist</h1>',
        '<p class="muted">Liquidation Guard 0.1.0 · generated 2024-08-05 03:12:00 UTC · data read 2024-08-05 03:11:58 UTC</p>',
        '<p class="strong">1 position: 1 danger. 1 position is in danger or critical.</p>',
        '<h2>Data sources</h2>',
        '<ul class="checklist">',
        '<li><label><input type="checkbox">Binance · Main (…abcd): ok, data at 2024-08-05 03:11:58 UTC</label></li>',
        '</ul>',
        '<h2>Positions (worst first)</h2>',
        '<table>',
        '<thead><tr><th class="r">#</th><th>Severity</th><th>Position</th><th>Account</th><th class="r">Size · notional</th><th class="r">Lev.</th><th class="r">Entry</th><th class="r">Mark</th><th class="r">Liq. price</th><th class="r">Distance</th><th class="r">24 h touch</th></tr></thead>',
        '<tbody>',
        '<tr><td class="r">1</td><td class="sev sev-danger">DANGER</td><td>BTC/USDT:USDT long (cross) · Binance</td><td>Main (…abcd)</td><td class="r">0.5 BTC · 30,000 USD</td><td class="r">20×</td><td class="r">61,000.00</td><td class="r">60,000.00</td><td class="r">57,000.00</td><td class="r">5.00 % · 1.50 σ</td><td class="r">8.00 %</td></tr>',
        '</tbody>',
        '</table>',
        '<h3 class="sev-danger">1. DANGER · BTC/USDT:USDT long · Binance · Main (…abcd)</h3>',
        '<p>Why: liquidation is 1.50 daily σ away.</p>',
        '<ul class="checklist">',
        '<li><label><input type="checkbox"><span class="sev sev-danger">DANGER</span> BTC/USDT:USDT long: liquidation at 57,000.00 is 5.00 % away</label></li>',
        '<li><label><input type="checkbox">Reduce BTC/USDT:USDT long by 0.2 BTC (40 % of 0.5)</label><span class="detail">moves the liquidation price to 4 daily σ</span></li>',
        '</ul>',
        '<h2>Market regime</h2>',
        '<p>No market data.</p>',
        '<h2>Stress test</h2>',
        '<p>Instant BTC moves of −5 %, −10 %, carried to each asset by its beta; other positions held at mark.</p>',
        '<table>',
        '<thead><tr><th>Position</th><th>Under the shock grid</th></tr></thead>',
        '<tbody>',
        '<tr><td>BTC/USDT:USDT long · Binance · Main (…abcd)</td><td>liquidated at BTC −5 % (BTC −5.0 %)</td></tr>',
        '</tbody>',
        '</table>',
        '<h2>Settings used</h2>',
        '<table>',
        '<thead><tr><th>Setting</th><th>Value</th></tr></thead>',
        '<tbody>',
        '<tr><td>Risk per trade</td><td>1 % of equity</td></tr>',
        '</tbody>',
        '</table>',
        '<h2>Notes</h2>',
        '<ul>',
        '<li>Liquidation Guard never places an order.</li>',
        '</ul>',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`Tom & "Jerry" 'x'`, 'Tom &amp; &quot;Jerry&quot; &#39;x&#39;'],
    ['&amp;', '&amp;amp;'],
  ])('escapes %j', (input, expected) => expect(escapeHtml(input)).toBe(expected));

  it('escapes hostile text wherever it comes from (account label, exchange message)', () => {
    const snapshot = fixtureSnapshot();
    const hostile = '<img src=x onerror="alert(1)">';
    const c = buildChecklist(
      fixtureReport(),
      {
        ...snapshot,
        accounts: snapshot.accounts.map((a) => ({ ...a, label: hostile })),
        statuses: snapshot.statuses.map((s) => ({
          ...s,
          error: { code: 'network' as const, message: `</td><script>x()</script>` },
        })),
      },
      fixtureSettings(),
      { generatedAt: GENERATED_AT, appVersion: '0.1.0' },
    );
    const html = toHtml(c);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });
});

describe('toJson', () => {
  it('is the schema-ordered object, two-space indented, with one trailing newline', () => {
    const c = smallChecklist();
    const json = toJson(c);
    // smallChecklist() is written in schema order, so plain stringify must give the same text.
    expect(json).toBe(`${JSON.stringify(c, null, 2)}\n`);
    expect(json.split('\n').slice(0, 4)).toEqual([
      '{',
      '  "schemaVersion": 1,',
      '  "title": "Pre-trade risk checklist",',
      '  "app": {',
    ]);
    expect(JSON.parse(json)).toEqual(c);
  });

  it('gives the same bytes whatever order the keys were built in', () => {
    const c = smallChecklist();
    expect(toJson(reverseKeys(c))).toBe(toJson(c));
  });
});

describe('determinism and secrets over the full fixture', () => {
  const make = () =>
    buildChecklist(fixtureReport(), fixtureSnapshot(), fixtureSettings(), {
      generatedAt: GENERATED_AT,
      appVersion: '0.1.0',
    });
  const formats = { md: toMarkdown, csv: toCsv, json: toJson, html: toHtml } as const;

  it.each(Object.keys(formats) as (keyof typeof formats)[])('%s: same input, same bytes', (format) => {
    expect(formats[format](make())).toBe(formats[format](make()));
  });

  it.each(Object.keys(formats) as (keyof typeof formats)[])(
    '%s: no secret, and no key hint beyond …last4',
    (format) => {
      const text = formats[format](make());
      for (const secret of Object.values(SMUGGLED_SECRETS)) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(0, 12));
      }
      // Every hint is an ellipsis and exactly four characters, never more of the key.
      const hints = [...text.matchAll(/…([A-Za-z0-9]+)/gu)].map((m) => m[1]);
      expect(hints.length).toBeGreaterThan(0);
      for (const h of hints) expect(h).toHaveLength(4);
    },
  );

  it('masks a key or signature quoted in an exchange error message', () => {
    const snapshot = fixtureSnapshot();
    const leaky = `GET /fapi/v2/account?timestamp=1&signature=${SMUGGLED_SECRETS.secret} apiKey ${SMUGGLED_SECRETS.apiKey}`;
    const c = buildChecklist(
      fixtureReport(),
      {
        ...snapshot,
        statuses: snapshot.statuses.map((s) => ({ ...s, error: { code: 'auth' as const, message: leaky } })),
      },
      fixtureSettings(),
      { generatedAt: GENERATED_AT, appVersion: '0.1.0' },
    );
    for (const f of Object.values(formats)) {
      const text = f(c);
      expect(text).not.toContain(SMUGGLED_SECRETS.secret);
      expect(text).not.toContain(SMUGGLED_SECRETS.apiKey);
      expect(text).toMatch(/signature=\\?\[redacted\\?\]/u);
    }
  });

  it.each([
    ['AuthenticationError from binance', 'AuthenticationError from binance'],
    ['wallet 0x8ba1f109551bD432803012645Ac136ddd64DBA72', 'wallet [redacted]'],
    ['bybit key Ab3dEf6hIj9kLm2nOp', 'bybit key [redacted]'],
    ['a1b2c3d4e5f6g7h', 'a1b2c3d4e5f6g7h'],
  ])('redactSecrets(%j)', (input, expected) => expect(redactSecrets(input)).toBe(expected));
});

function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => reverseKeys(v)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    ) as T;
  }
  return value;
}

/** A strict RFC 4180 reader, to check the writer (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  return records;
}
