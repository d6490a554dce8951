import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { refusedAddress, refusedTarget } from '../../src/net/outbound-address.js';

describe('the addresses a server a user chose may have', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.10', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['fc00::abcd', 'unique-local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.1.1.1', 'private'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['2002:7f00:1::', '6to4'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(refusedAddress(address)).toContain(kind);
  });

  it.each(['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111', '::ffff:93.184.215.14'])('allows the public address %s', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  it.each([
    'http://127.0.0.1:8080/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://017700000001/',
    'https://localhost/',
    'https://LocalHost./',
    'https://api.localhost/',
    'http://metadata/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://instance-data/latest/',
    'http://anything.internal/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fd12:3456::1]/',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses the URL %s unless private targets are allowed', (url) => {
    expect(refusedTarget(url, false)).toMatch(/^The (address|host name) .+\.$/);
    expect(refusedTarget(url, true)).toBeNull();
  });

  it('allows public names (their addresses are checked when the request connects) and only http(s), always', () => {
    expect(refusedTarget('https://mastodon.social', false)).toBeNull();
    expect(refusedTarget('http://kupang.social:8443/base', false)).toBeNull();
    for (const allow of [false, true]) {
      expect(refusedTarget('file:///etc/passwd', allow)).toContain('only http and https');
      expect(refusedTarget('gopher://mastodon.social/', allow)).toContain('only http and https');
      expect(refusedTarget('https://user:pw@mastodon.social/', allow)).toContain('user name or password');
      expect(refusedTarget('not a url', allow)).toContain('not a valid URL');
    }
  });

  it('reads ALLOW_PRIVATE_TARGETS, off by default, and stops start-up naming a bad value', () => {
    expect(loadConfig({}).allowPrivateTargets).toBe(false);
    expect(loadConfig({ ALLOW_PRIVATE_TARGETS: 'true' }).allowPrivateTargets).toBe(true);
    expect(() => loadConfig({ ALLOW_PRIVATE_TARGETS: 'sometimes' })).toThrow(/ALLOW_PRIVATE_TARGETS: must be true or false/);
  });
});
