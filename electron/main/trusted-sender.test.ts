import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from './trusted-sender';

describe('isTrustedSender (security.md §3.3)', () => {
  it.each([
    [
      'the app window main frame at the app origin',
      { url: 'app://renderer/index.html', isMainFrameOfAppWindow: true },
      true,
    ],
    ['a subframe at the app origin', { url: 'app://renderer/index.html', isMainFrameOfAppWindow: false }, false],
    ['the main frame navigated to a web page', { url: 'https://evil.example/', isMainFrameOfAppWindow: true }, false],
    ['a file:// page', { url: 'file:///tmp/x.html', isMainFrameOfAppWindow: true }, false],
    ['a look-alike host', { url: 'app://renderer.evil/index.html', isMainFrameOfAppWindow: true }, false],
    ['an unparsable URL', { url: 'not a url', isMainFrameOfAppWindow: true }, false],
    ['no frame (destroyed)', null, false],
  ])('%s → %s', (_name, sender, trusted) => {
    expect(isTrustedSender(sender)).toBe(trusted);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://renderer/index.html', true],
    ['app://renderer/assets/index.js', true],
    ['app://other/index.html', false],
    ['https://renderer/index.html', false],
    ['file:///renderer/index.html', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
