/**
 * Bytes of a feed document → text. Sources of the charset, strongest first: a byte order mark, the
 * byte pattern of UTF-16/32 without one, the HTTP Content-Type charset, the XML declaration, then
 * UTF-8 when the bytes are valid UTF-8, else windows-1252. Two real-world lies are corrected: a
 * single-byte Latin charset claimed for bytes that are valid multi-byte UTF-8 (servers that default
 * to ISO-8859-1), and a UTF-16/32 claim for a document whose bytes are plainly ASCII-compatible.
 * Unknown names ("bogus") are skipped, never fatal.
 */
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'byte-pattern' | 'http' | 'xml-declaration' | 'utf8-valid' | 'fallback';

export interface DecodedText {
  text: string;
  /** The encoding used, as a lowercase label ("utf-8", "windows-1252", "utf-16le"). */
  encoding: string;
  source: CharsetSource;
  /** Charsets that were declared but not used, with the reason (for logs). */
  ignored: string[];
}

const BOMS: Array<{ bytes: number[]; encoding: string }> = [
  // UTF-32 LE must be tried before UTF-16 LE: its BOM starts with the same two bytes.
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** "<" or "<?" in UTF-16/32 without a BOM (XML 1.0 appendix F). */
const PATTERNS: Array<{ bytes: number[]; encoding: string }> = [
  { bytes: [0x3c, 0x00, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0x00, 0x00, 0x00, 0x3c], encoding: 'utf-32be' },
  { bytes: [0x3c, 0x00, 0x3f, 0x00], encoding: 'utf-16le' },
  { bytes: [0x00, 0x3c, 0x00, 0x3f], encoding: 'utf-16be' },
  { bytes: [0x3c, 0x00, 0x21, 0x00], encoding: 'utf-16le' },
  { bytes: [0x00, 0x3c, 0x00, 0x21], encoding: 'utf-16be' },
];

const startsWith = (buf: Uint8Array, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** Labels that browsers (WHATWG Encoding) read as windows-1252, which is what such feeds mean. */
const WINDOWS_1252_ALIASES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp1252', 'windows-1252', 'x-cp1252', 'cp819', 'ibm819']);

/** A usable, canonical label for a declared charset, or null when iconv-lite does not know it. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return null;
  if (WINDOWS_1252_ALIASES.has(l)) return 'windows-1252';
  if (l === 'utf8' || l === 'utf-8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (l === 'utf-16' || l === 'utf16' || l === 'ucs-2') return 'utf-16';
  if (l === 'utf-32' || l === 'utf32') return 'utf-32';
  return iconv.encodingExists(l) ? l : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2]! : null;
}

/** The encoding="..." of an XML declaration, read from an ASCII-compatible prefix of the bytes. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  // The declaration may follow whitespace or a comment in sloppy feeds; look in the first 1 KiB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = /<\?xml\s[^>]*?encoding\s*=\s*(["'])([A-Za-z0-9._:-]+)\1/.exec(head);
  return m ? m[2]! : null;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function validUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: true });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** utf-16/utf-32 without an endianness: decided by the bytes (BOM or "<" pattern), else LE/BE guess. */
function resolveEndianness(encoding: string, bytes: Uint8Array): string {
  if (encoding !== 'utf-16' && encoding !== 'utf-32') return encoding;
  for (const p of [...BOMS, ...PATTERNS]) if (p.encoding.startsWith(encoding) && startsWith(bytes, p.bytes)) return p.encoding;
  return `${encoding}be`;
}

export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  const ignored: string[] = [];
  for (const bom of BOMS) {
    if (startsWith(bytes, bom.bytes)) {
      return { text: decodeWith(bytes.subarray(bom.bytes.length), bom.encoding), encoding: bom.encoding, source: 'bom', ignored };
    }
  }
  for (const p of PATTERNS) {
    if (startsWith(bytes, p.bytes)) return { text: decodeWith(bytes, p.encoding), encoding: p.encoding, source: 'byte-pattern', ignored };
  }

  // From here the bytes are ASCII-compatible, so a UTF-16/32 claim is false whoever makes it.
  const isUtf8 = validUtf8(bytes);
  const multiByteUtf8 = isUtf8 && hasNonAscii(bytes);
  const candidates: Array<{ label: string | null; source: CharsetSource }> = [
    { label: charsetFromContentType(contentType), source: 'http' },
    { label: xmlDeclaredEncoding(bytes), source: 'xml-declaration' },
  ];
  for (const { label, source } of candidates) {
    if (!label) continue;
    const encoding = canonicalCharset(label);
    if (!encoding) {
      ignored.push(`${source} charset "${label}" (unknown)`);
      continue;
    }
    if (/^utf-?(16|32)/.test(encoding)) {
      ignored.push(`${source} charset "${label}" (the bytes are not ${encoding})`);
      continue;
    }
    if (encoding === 'windows-1252' && multiByteUtf8) {
      ignored.push(`${source} charset "${label}" (the bytes are valid UTF-8)`);
      continue;
    }
    if (encoding === 'utf-8' && !isUtf8) {
      ignored.push(`${source} charset "${label}" (the bytes are not valid UTF-8)`);
      continue;
    }
    return { text: decodeWith(bytes, encoding), encoding, source, ignored };
  }
  if (isUtf8) return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', source: 'utf8-valid', ignored };
  return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', source: 'fallback', ignored };
}
