import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDownloadFileSaver, createPathFileSaver, filtersFor, writeFileAtomically } from './file-saver';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lg-saver-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const bytes = new Uint8Array(Buffer.from('a,b\r\n1,2\r\n', 'utf8'));

describe('FileSaver implementations', () => {
  it('download: returns the bytes as base64 and writes nothing', async () => {
    const out = await createDownloadFileSaver().saveFile({ suggestedName: 'x.csv', mimeType: 'text/csv', bytes });
    expect(out).toEqual({ kind: 'download', suggestedName: 'x.csv', mimeType: 'text/csv', base64: 'YSxiDQoxLDINCg==' });
  });

  it('path (CLI): resolves a relative path and replaces an existing file whole', async () => {
    const target = path.join(dir, 'out.csv');
    writeFileSync(target, 'old content that is longer than the new one');
    const out = await createPathFileSaver(path.relative(process.cwd(), target)).saveFile({
      suggestedName: 'ignored.csv',
      mimeType: 'text/csv',
      bytes,
    });
    expect(out).toEqual({ kind: 'saved', path: target });
    expect(readFileSync(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
  });

  it('an atomic write into a missing folder fails and leaves no temp file behind', async () => {
    await expect(writeFileAtomically(path.join(dir, 'missing', 'x.md'), bytes)).rejects.toThrow(/ENOENT/u);
  });

  it.each([
    ['c.md', 'text/markdown', [{ name: 'Markdown', extensions: ['md'] }]],
    ['c.csv', 'text/csv', [{ name: 'CSV', extensions: ['csv'] }]],
    ['c.json', 'application/json', [{ name: 'JSON', extensions: ['json'] }]],
    ['c.PDF', 'application/pdf', [{ name: 'PDF', extensions: ['pdf'] }]],
    ['c', 'application/octet-stream', [{ name: 'application/octet-stream', extensions: ['*'] }]],
  ])('save-dialog filter for %s', (name, mime, filters) => expect(filtersFor(name, mime)).toEqual(filters));
});
