/**
 * Where a feed added from chat may point. Anyone in a channel can add a feed, so its URL must not
 * make the bot fetch from the machine itself, the private network or the cloud metadata service
 * (SSRF). The address is checked when it is resolved for the connection (see `guardedLookup`), so
 * a DNS answer that changes between the check and the connect (rebinding) cannot slip through, and
 * every redirect goes through the same check. URLs from config and the command line are trusted.
 */
import dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { feedUrlError } from '../config/validators.js';

export interface UrlPolicy {
  /** config ingest.allowPrivateAddresses: allow every address. */
  allowPrivate: boolean;
  /**
   * Addresses allowed although private (an operator's known internal mirror; the tests' loopback
   * server). Exact textual match after normalization.
   */
  exemptAddresses?: readonly string[];
  /** Resolves a host name to all its addresses (default dns.lookup with all: true). */
  resolve?: (host: string) => Promise<string[]>;
}

interface Range {
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  kind: string;
}

// Special-purpose ranges (IANA IPv4/IPv6 special-purpose address registries) that must not be
// reachable from a chat-added URL. Embedded IPv4 forms (mapped, NAT64, 6to4) are unwrapped first.
const RANGES: Range[] = [
  { network: '0.0.0.0', prefix: 8, family: 'ipv4', kind: 'an unspecified ("this network")' },
  { network: '10.0.0.0', prefix: 8, family: 'ipv4', kind: 'a private' },
  { network: '100.64.0.0', prefix: 10, family: 'ipv4', kind: 'a carrier-grade NAT (shared)' },
  { network: '127.0.0.0', prefix: 8, family: 'ipv4', kind: 'a loopback' },
  { network: '169.254.0.0', prefix: 16, family: 'ipv4', kind: 'a link-local (cloud metadata)' },
  { network: '172.16.0.0', prefix: 12, family: 'ipv4', kind: 'a private' },
  { network: '192.0.0.0', prefix: 24, family: 'ipv4', kind: 'a reserved (IETF protocol)' },
  { network: '192.0.2.0', prefix: 24, family: 'ipv4', kind: 'a documentation' },
  { network: '192.88.99.0', prefix: 24, family: 'ipv4', kind: 'a 6to4 relay (deprecated anycast)' },
  { network: '192.168.0.0', prefix: 16, family: 'ipv4', kind: 'a private' },
  { network: '198.18.0.0', prefix: 15, family: 'ipv4', kind: 'a benchmarking' },
  { network: '198.51.100.0', prefix: 24, family: 'ipv4', kind: 'a documentation' },
  { network: '203.0.113.0', prefix: 24, family: 'ipv4', kind: 'a documentation' },
  { network: '224.0.0.0', prefix: 4, family: 'ipv4', kind: 'a multicast' },
  { network: '240.0.0.0', prefix: 4, family: 'ipv4', kind: 'a reserved' },
  { network: '::', prefix: 128, family: 'ipv6', kind: 'an unspecified' },
  { network: '::1', prefix: 128, family: 'ipv6', kind: 'a loopback' },
  { network: '::ffff:0:0', prefix: 96, family: 'ipv6', kind: 'an IPv4-mapped' },
  { network: '::ffff:0:0:0', prefix: 96, family: 'ipv6', kind: 'an IPv4-translated' },
  { network: '64:ff9b:1::', prefix: 48, family: 'ipv6', kind: 'a local-use NAT64' },
  { network: '100::', prefix: 64, family: 'ipv6', kind: 'a discard-only' },
  { network: '2001::', prefix: 23, family: 'ipv6', kind: 'an IETF protocol (Teredo, ORCHID)' },
  { network: '2001:db8::', prefix: 32, family: 'ipv6', kind: 'a documentation' },
  { network: 'fc00::', prefix: 7, family: 'ipv6', kind: 'a private (unique local)' },
  { network: 'fe80::', prefix: 10, family: 'ipv6', kind: 'a link-local' },
  { network: 'fec0::', prefix: 10, family: 'ipv6', kind: 'a site-local' },
  { network: 'ff00::', prefix: 8, family: 'ipv6', kind: 'a multicast' },
];

const blockLists = RANGES.map((r) => {
  const list = new net.BlockList();
  list.addSubnet(r.network, r.prefix, r.family);
  return { list, range: r };
});

function expandIpv6(address: string): number[] | null {
  // Eight 16-bit groups; a trailing dotted IPv4 counts as two groups.
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1]!.split('.').map(Number);
    text = text.slice(0, -dotted[1]!.length) + ((parts[0]! << 8) | parts[1]!).toString(16) + ':' + ((parts[2]! << 8) | parts[3]!).toString(16);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(Math.max(fill, 0)).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

/** The IPv4 address carried inside an IPv6 one (mapped, IPv4-compatible, NAT64, 6to4), or null. */
function embeddedIpv4(address: string): string | null {
  const g = expandIpv6(address);
  if (!g) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return v4(g[6]!, g[7]!); // ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!); // 64:ff9b::/96
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 6to4
  return null;
}

/**
 * Why an IP address may not be fetched from a chat-added URL ("a loopback address"), or null when
 * it is a public unicast address.
 */
export function privateAddressKind(address: string): string | null {
  const family = net.isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  // IPv6 ranges first: an IPv4-mapped or -translated address is refused whatever it carries (no
  // feed needs one), while NAT64 and 6to4 are judged by the IPv4 address inside.
  for (const { list, range } of blockLists) {
    if (range.family === type && list.check(address, type)) return `${range.kind} address`;
  }
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner) return privateAddressKind(inner);
  }
  return null;
}

function normalizeAddress(address: string): string {
  return address.replace(/^\[|\]$/g, '').toLowerCase();
}

function isExempt(address: string, policy: UrlPolicy): boolean {
  const a = normalizeAddress(address);
  return (policy.exemptAddresses ?? []).some((e) => normalizeAddress(e) === a);
}

/** Why `address` is refused under `policy`, or null. */
export function addressRefusal(host: string, address: string, policy: UrlPolicy): string | null {
  if (policy.allowPrivate || isExempt(address, policy)) return null;
  const kind = privateAddressKind(normalizeAddress(address));
  if (!kind) return null;
  const shown = host === address ? address : `${host} (${address})`;
  return `${shown} is ${kind}; feeds added from chat must be on the public internet (an admin can set ingest.allowPrivateAddresses)`;
}

async function defaultResolve(host: string): Promise<string[]> {
  const answers = await dns.promises.lookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/** Host of a URL without IPv6 brackets. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Resolves `host` and checks every address: one private address among public ones is enough to
 * refuse (a host that answers both ways is exactly what rebinding uses).
 */
export async function resolveChecked(host: string, policy: UrlPolicy): Promise<{ addresses: string[] } | { error: string }> {
  if (net.isIP(host)) {
    const refusal = addressRefusal(host, host, policy);
    return refusal ? { error: refusal } : { addresses: [host] };
  }
  let addresses: string[];
  try {
    addresses = await (policy.resolve ?? defaultResolve)(host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: `could not resolve ${host}${code ? ` (${code})` : ''}` };
  }
  if (addresses.length === 0) return { error: `could not resolve ${host} (no address)` };
  for (const address of addresses) {
    const refusal = addressRefusal(host, address, policy);
    if (refusal) return { error: refusal };
  }
  return { addresses };
}

/** Thrown by guardedLookup so that the fetcher can report the refusal as such. */
export class UnsafeAddressError extends Error {
  readonly code = 'ERR_UNSAFE_ADDRESS';
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeAddressError';
  }
}

/**
 * A `lookup` for http.request that resolves, checks and hands the connection exactly the address
 * it checked. Node skips `lookup` for IP literals, so the fetcher checks those itself first.
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname.replace(/^\[|\]$/g, ''), policy).then(
      (result) => {
        if ('error' in result) {
          callback(new UnsafeAddressError(result.error), '', 4);
          return;
        }
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = result.addresses.filter((a) => wanted === 0 || net.isIP(a) === wanted);
        if (usable.length === 0) {
          callback(new UnsafeAddressError(`could not resolve ${hostname} (no IPv${wanted} address)`), '', 4);
          return;
        }
        if (options.all) {
          // The `all` form of the callback: an array of { address, family }.
          (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
            null,
            usable.map((address) => ({ address, family: net.isIP(address) })),
          );
        } else {
          callback(null, usable[0]!, net.isIP(usable[0]!));
        }
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 4),
    );
  };
}

/**
 * Why a feed URL given in chat cannot be used, or null when it is an http(s) URL whose host
 * resolves only to public addresses (or `allowPrivate`). For the chat command handler; the
 * fetcher checks again at connect time and after every redirect.
 */
export async function checkFeedUrl(raw: string, options: UrlPolicy): Promise<string | null> {
  const syntax = feedUrlError(raw);
  if (syntax) return syntax;
  const url = new URL(raw);
  const result = await resolveChecked(urlHost(url), options);
  return 'error' in result ? `"${raw}" cannot be added: ${result.error}` : null;
}
