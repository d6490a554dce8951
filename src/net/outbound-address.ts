import ipaddr from 'ipaddr.js';

/**
 * Which addresses a request to a URL that a user chose (a Mastodon instance, a webhook) may reach.
 * Pure: no I/O, so the request schemas check literal addresses at the edge with it, and the
 * outbound fetch (outbound-fetch.ts) checks every resolved address with it at connect time.
 * Only public unicast addresses pass; ALLOW_PRIVATE_TARGETS=true turns the check off.
 */

/** What each refused range is called in a message; `unicast` (a public address) is the only one allowed. */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
  linkLocal: 'a link-local',
  loopback: 'a loopback',
  carrierGradeNat: 'a carrier-grade NAT',
  private: 'a private',
  reserved: 'a reserved',
  uniqueLocal: 'a unique-local',
  ipv4Mapped: 'an IPv4-mapped',
  rfc6145: 'an IPv4-translated',
  rfc6052: 'an IPv4-embedded (NAT64)',
  '6to4': 'a 6to4',
  teredo: 'a Teredo',
};

/**
 * Host names that reach the machine itself or a cloud's metadata service without a private-looking
 * address in the URL. Names ending in `.localhost` or `.internal` are never public (RFC 6761; ICANN
 * reserved `.internal` for private use), and the cloud metadata names live there or are single labels.
 */
const LOCAL_NAMES = new Set(['localhost', 'metadata', 'metadata.goog', 'metadata.google.internal', 'instance-data', 'instance-data.ec2.internal']);
const LOCAL_SUFFIXES = ['.localhost', '.internal'];

/** Why this IP address may not be contacted, as a sentence; null when it is a public unicast address. */
export function refusedAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return `The address ${address} is not an IP address.`;
  // process() turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 address it maps.
  const ip = ipaddr.process(bare);
  const range = ip.range();
  if (range === 'unicast') return null;
  const kind = RANGE_NAMES[range] ?? 'a special-purpose';
  return `The address ${ip.toString()} is ${kind} address, and this service sends no request to loopback, private, link-local or metadata addresses.`;
}

/** Why a host name (without brackets or port) may not be contacted; null when it may be resolved and tried. */
export function refusedHostName(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  if (ipaddr.isValid(host.replace(/^\[|\]$/g, ''))) return refusedAddress(host);
  if (LOCAL_NAMES.has(host) || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) {
    return `The host name ${host} names this machine or a cloud metadata service, and this service sends no request there.`;
  }
  return null;
}

/**
 * Why this URL may not be requested, as a sentence; null when it may. Only http(s) is allowed
 * always; with `allowPrivate` (ALLOW_PRIVATE_TARGETS=true) any host is. A host name is checked by
 * name here; the addresses it resolves to are checked when the request connects.
 */
export function refusedTarget(target: string | URL, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = typeof target === 'string' ? new URL(target) : target;
  } catch {
    return 'The address is not a valid URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The address uses ${url.protocol.replace(/:$/, '')}, but only http and https are allowed.`;
  if (url.username !== '' || url.password !== '') return 'The address must not carry a user name or password.';
  return allowPrivate ? null : refusedHostName(url.hostname);
}
