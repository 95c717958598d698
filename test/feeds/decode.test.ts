import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeFeedBytes } from '../../src/feeds/decode.js';

const doc = (decl: string, body: string) => `<?xml version="1.0"${decl}?><rss><channel><title>${body}</title></channel></rss>`;

describe('decodeFeedBytes', () => {
  it('follows a byte order mark over everything else (UTF-8, UTF-16 LE/BE, UTF-32 LE)', () => {
    const text = doc(' encoding="iso-8859-1"', 'Żółć');
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeFeedBytes(bom8, 'text/xml; charset=windows-1252')).toMatchObject({ encoding: 'utf-8', source: 'bom', text });
    expect(decodeFeedBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toMatchObject({ encoding: 'utf-16le', text });
    expect(decodeFeedBytes(iconv.encode(text, 'utf-16be', { addBOM: true }))).toMatchObject({ encoding: 'utf-16be', text });
    expect(decodeFeedBytes(iconv.encode(text, 'utf-32le', { addBOM: true }))).toMatchObject({ encoding: 'utf-32le', text });
  });

  it('recognizes UTF-16 without a BOM by its byte pattern', () => {
    const text = doc(' encoding="utf-16be"', 'Grüße');
    expect(decodeFeedBytes(iconv.encode(text, 'utf-16be'))).toMatchObject({ encoding: 'utf-16be', source: 'byte-pattern', text });
  });

  it('uses the HTTP charset when the document does not say (windows-1252 quotes and pound sign)', () => {
    const bytes = iconv.encode('<rss><channel><title>This is a £“test.”</title></channel></rss>', 'windows-1252');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=windows-1252').text).toContain('This is a £“test.”');
  });

  it('uses the XML declaration (windows-1251, EUC-KR, ISO-8859-7)', () => {
    for (const [enc, word] of [['windows-1251', 'Новости'], ['euc-kr', '년'], ['iso-8859-7', 'Ιούνιος']] as const) {
      const decoded = decodeFeedBytes(iconv.encode(doc(` encoding="${enc}"`, word), enc));
      expect(decoded.encoding).toBe(enc);
      expect(decoded.text).toContain(word);
    }
  });

  it('reads ISO-8859-1 as windows-1252, as browsers do (0x93/0x94 are curly quotes)', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>'), Buffer.from([0x93, 0x61, 0x94, 0xe3]), Buffer.from('</title></channel></rss>')]);
    expect(decodeFeedBytes(bytes).text).toContain('“a”ã');
  });

  it('believes valid multi-byte UTF-8 over a declared Latin-1 (a server default that lies)', () => {
    const decoded = decodeFeedBytes(Buffer.from(doc(' encoding="ISO-8859-1"', 'Mãe é nova'), 'utf8'), 'text/xml; charset=ISO-8859-1');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Mãe é nova');
    expect(decoded.ignored.length).toBe(2);
  });

  it('skips an unknown encoding name and falls back to UTF-8', () => {
    const decoded = decodeFeedBytes(Buffer.from(doc(' encoding="bogus"', 'café'), 'utf8'));
    expect(decoded).toMatchObject({ encoding: 'utf-8', source: 'utf8-valid' });
    expect(decoded.ignored[0]).toContain('bogus');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    const bytes = iconv.encode('<rss><channel><title>simulações de 2º turno</title></channel></rss>', 'latin1');
    expect(decodeFeedBytes(bytes)).toMatchObject({ encoding: 'windows-1252', source: 'fallback' });
    expect(decodeFeedBytes(bytes).text).toContain('simulações de 2º turno');
  });

  it('ignores a UTF-16 claim for bytes that are plainly ASCII-compatible', () => {
    const decoded = decodeFeedBytes(Buffer.from(doc(' encoding="utf-16"', 'plain'), 'utf8'));
    expect(decoded.encoding).toBe('utf-8');
  });
});
