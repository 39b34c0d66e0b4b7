import { describe, expect, it } from 'vitest';
import { ConfigError, parseCheckConfig } from '../src/config.ts';

describe('parseCheckConfig', () => {
  it('accepts a full configuration and turns single globs into lists', () => {
    expect(
      parseCheckConfig({
        facts: 'facts.sqlite',
        rules: { 'quote/unverified': 'error', 'figure/mismatch': 'off' },
        include: 'drafts/**/*.md',
        exclude: ['drafts/archive/**'],
        dollarCurrency: 'CAD',
      }),
    ).toEqual({
      facts: 'facts.sqlite',
      rules: { 'quote/unverified': 'error', 'figure/mismatch': 'off' },
      include: ['drafts/**/*.md'],
      exclude: ['drafts/archive/**'],
      dollarCurrency: 'CAD',
    });
  });

  it('treats an empty file as no settings', () => {
    expect(parseCheckConfig(null)).toEqual({});
  });

  it.each([
    [
      { rules: { 'quote/made-up': 'error' } },
      /rules\.quote\/made-up: unknown rule; the rules are quote\/misquote/,
    ],
    [{ rules: { 'quote/misquote': 'loud' } }, /rules\.quote\/misquote: /],
    [{ fact: 'typo.sqlite' }, /Unrecognized key/],
    [{ dollarCurrency: 'dollars' }, /dollarCurrency: an ISO 4217 code/],
  ])('rejects %j with a message naming the problem', (value, message) => {
    expect(() => parseCheckConfig(value, 'x/.verbatim.yml')).toThrow(ConfigError);
    expect(() => parseCheckConfig(value, 'x/.verbatim.yml')).toThrow(message);
  });
});
