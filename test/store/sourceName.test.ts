import { describe, expect, it } from 'vitest';
import { normalizeTitle, titleDateHash } from '../../src/store/articleRow.js';
import { sourceLabel, sourceName } from '../../src/store/sourceName.js';
import { endOfBound, toIsoTimestamp } from '../../src/store/timestamps.js';

describe('how a source is named', () => {
  it('uses the feed title when there is one', () => {
    expect(sourceName('  VOA  ', 'https://www.voanews.com/api/rss')).toBe('VOA');
  });

  it('falls back to the host without www., the file name for a local feed', () => {
    expect(sourceName(null, 'https://www.voanews.com/api/rss')).toBe('voanews.com');
    expect(sourceName('', 'http://127.0.0.1:8080/feed.xml')).toBe('127.0.0.1:8080');
    expect(sourceName(null, 'examples/sample-feed.xml')).toBe('sample-feed.xml');
    expect(sourceName(null, 'file:///srv/feeds/wire.xml')).toBe('wire.xml');
  });
});

describe('dedupe keys and timestamps', () => {
  it('titles that differ only in case, punctuation or spacing normalize alike', () => {
    expect(normalizeTitle('U.S. Announces  $5bn Aid!')).toBe(normalizeTitle('u.s. announces $5bn aid'));
    expect(normalizeTitle('Aid to Kyiv')).not.toBe(normalizeTitle('Aid to Kharkiv'));
  });

  it('the title hash includes the published day unless the date is only the fetch time', () => {
    expect(titleDateHash('Briefing', '2024-03-01T08:00:00.000Z', false)).not.toBe(titleDateHash('Briefing', '2024-03-02T08:00:00.000Z', false));
    expect(titleDateHash('Briefing', '2024-03-01T08:00:00.000Z', true)).toBe(titleDateHash('Briefing', '2024-03-02T08:00:00.000Z', true));
  });

  it('timestamps are normalized to UTC with milliseconds; nonsense and far-out years are refused', () => {
    expect(toIsoTimestamp('2024-03-01T10:00:00+02:00', 'x')).toBe('2024-03-01T08:00:00.000Z');
    expect(() => toIsoTimestamp('next Tuesday', 'published')).toThrow(/published must be an ISO 8601 timestamp/);
    expect(() => toIsoTimestamp('+010000-01-01T00:00:00Z', 'published')).toThrow(/out of range/);
  });

  it('a bare date as an upper bound means the end of that day', () => {
    expect(endOfBound('2024-02-10', 'x')).toBe('2024-02-10T23:59:59.999Z');
    expect(endOfBound('2024-02-10T12:00:00Z', 'x')).toBe('2024-02-10T12:00:00.000Z');
  });
});

describe('sourceLabel', () => {
  it('names the outlet or author and the feed it came through', () => {
    expect(sourceLabel('VOA', 'newsdigest sample')).toBe('VOA via newsdigest sample');
  });
  it('is the feed alone when the item names no one, and the author alone when it is the feed', () => {
    expect(sourceLabel(null, 'Reuters')).toBe('Reuters');
    expect(sourceLabel('  ', 'Reuters')).toBe('Reuters');
    expect(sourceLabel('reuters', 'Reuters')).toBe('reuters');
    expect(sourceLabel('AP', null)).toBe('AP');
  });
});
