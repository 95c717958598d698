import { describe, expect, it } from 'vitest';
import { checkFeedUrl, privateAddressKind } from '../../src/feeds/urlSafety.js';

describe('privateAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    // No feed needs an IPv4-mapped or -translated address: the whole classes are refused.
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:169.254.169.254', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['::ffff:0:7f00:1', 'IPv4-translated'],
    ['::ffff:0:808:808', 'IPv4-translated'],
    ['64:ff9b:1::808:808', 'local-use NAT64'],
    ['64:ff9b:1:ffff::1', 'local-use NAT64'],
    ['192.88.99.1', '6to4 relay'],
    ['2001::1', 'IETF protocol'],
    ['2001:1ff:ffff::1', 'IETF protocol'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'IETF protocol'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:7f00:1::', 'loopback'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(privateAddressKind(address)).toContain(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::6810:85e5', '64:ff9b::808:808', '192.88.100.1', '2001:200::1', '2001:4860::8888'])('allows the public address %s', (address) => {
    expect(privateAddressKind(address)).toBeNull();
  });
});

describe('checkFeedUrl (feeds added from chat)', () => {
  const strict = { allowPrivate: false };

  it('refuses what is not an http(s) URL, or carries credentials', async () => {
    expect(await checkFeedUrl('ftp://example.com/feed', strict)).toContain('not an http(s) URL');
    expect(await checkFeedUrl('file:///etc/passwd', strict)).toContain('not an http(s) URL');
    expect(await checkFeedUrl('not a url', strict)).toContain('is not a URL');
    expect(await checkFeedUrl('http://user:pw@example.com/feed', strict)).toContain('credentials');
  });

  it.each(['http://127.0.0.1/feed', 'http://10.0.0.5/feed', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/feed', 'http://0x7f.1/feed', 'http://2130706433/feed'])('refuses %s, whatever its spelling', async (url) => {
    expect(await checkFeedUrl(url, strict)).toMatch(/loopback|private|link-local/);
  });

  it('refuses a host name that resolves to loopback (localhost)', async () => {
    expect(await checkFeedUrl('http://localhost:8080/feed', strict)).toContain('localhost (127.0.0.1) is a loopback address');
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const resolve = async () => ['93.184.216.34', '10.0.0.7'];
    expect(await checkFeedUrl('https://mixed.example/feed', { ...strict, resolve })).toContain('10.0.0.7');
  });

  it('accepts a host whose addresses are all public', async () => {
    const resolve = async () => ['93.184.216.34', '2606:2800:220:1::1'];
    expect(await checkFeedUrl('https://news.example/feed.xml', { ...strict, resolve })).toBeNull();
  });

  it('says so when the host does not resolve', async () => {
    const resolve = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await checkFeedUrl('https://nowhere.invalid/feed', { ...strict, resolve })).toContain('could not resolve nowhere.invalid (ENOTFOUND)');
  });

  it('allows private addresses when config says so', async () => {
    expect(await checkFeedUrl('http://127.0.0.1/feed', { allowPrivate: true })).toBeNull();
  });
});
