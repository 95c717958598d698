import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createLogger, scrubSecrets } from '../../src/observability/logger.js';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { logger: createLogger({ level: 'info', destination: stream }), lines };
}

describe('logs never carry secrets', () => {
  it('secret keys are redacted wherever they sit in the object', async () => {
    const { logger, lines } = capture();
    logger.info({ env: { DISCORD_TOKEN: 'MTIz.abc.def', SLACK_SIGNING_SECRET: 'shh' }, headers: { authorization: 'Bot MTIz.abc.def' } }, 'starting');
    await new Promise((r) => setImmediate(r));
    const text = lines.join('\n');
    expect(text).toContain('starting');
    expect(text).not.toContain('MTIz.abc.def');
    expect(text).not.toContain('shh');
    expect(text).toContain('[redacted]');
  });

  it('tokens inside messages and error texts are scrubbed', async () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('request with Authorization: Bot MTIzNDU2Nzg5.abc failed') }, 'post to postgres://bot:hunter2@db/x failed with xoxb-1234-abcd');
    await new Promise((r) => setImmediate(r));
    const text = lines.join('\n');
    expect(text).not.toContain('MTIzNDU2Nzg5.abc');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('xoxb-1234-abcd');
  });

  it('scrubSecrets leaves ordinary text alone', () => {
    expect(scrubSecrets('fetched https://example.com/feed.xml in 20 ms')).toBe('fetched https://example.com/feed.xml in 20 ms');
  });
});

describe('a feed URL with credentials', () => {
  it('is logged without its password in every field, however deep', async () => {
    const { logger, lines } = capture();
    const url = 'https://reader:s3cr3t-pass@feeds.example/private.xml';
    logger.warn({ feed: url, reason: `HTTP 500 from ${url}`, nested: { urls: [url] } }, 'feed failed');
    logger.info({ feed: url, items: 3 }, 'feed ingested');
    await new Promise((r) => setImmediate(r));
    const text = lines.join('\n');
    expect(text).not.toContain('s3cr3t-pass');
    expect(JSON.parse(lines[0]!)).toMatchObject({ feed: 'https://reader:[redacted]@feeds.example/private.xml', nested: { urls: ['https://reader:[redacted]@feeds.example/private.xml'] } });
    expect(JSON.parse(lines[1]!)).toMatchObject({ feed: 'https://reader:[redacted]@feeds.example/private.xml', items: 3 });
  });
});
