import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localHour, zoneOf } from '../../src/time/zone.js';

/**
 * The slot caches of src/time/zone.ts answer as Intl does. Zones chosen for their rules: the
 * campaigns' own (no daylight saving), a 45-minute offset, a 30-minute daylight shift, and zones
 * whose clocks jump an hour either way.
 */
const ZONES = [
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/New_York',
  'Europe/Berlin',
  'America/St_Johns',
];
const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('zoneOf', () => {
  it('gives the offsets, local times and ISO strings of luxon’s own IANA zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (name, ts) => {
        const cached = zoneOf(name);
        const plain = IANAZone.create(name);
        expect(cached.offset(ts)).toBe(plain.offset(ts));
        expect(cached.formatOffset(ts, 'short')).toBe(plain.formatOffset(ts, 'short'));
        const local = DateTime.fromMillis(ts, { zone: cached });
        expect(local.toISO()).toBe(DateTime.fromMillis(ts, { zone: plain }).toISO());
        // From local wall time back to the instant: luxon's offset guessing goes through the zone.
        const wall = local.toFormat("yyyy-MM-dd'T'HH:mm");
        expect(DateTime.fromISO(wall, { zone: cached }).toMillis()).toBe(DateTime.fromISO(wall, { zone: plain }).toMillis());
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact at every daylight-saving change of 2026 in New York and Lord Howe', () => {
    // 2026-03-08 07:00Z and 2026-11-01 06:00Z in New York; 2026-04-04 15:00Z and 2026-10-03 15:30Z on Lord Howe.
    for (const [name, change] of [
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
    ] as const) {
      for (const ts of [change - 1, change, change + 1]) expect(zoneOf(name).offset(ts)).toBe(IANAZone.create(name).offset(ts));
      expect(zoneOf(name).offset(change - 1)).not.toBe(zoneOf(name).offset(change));
    }
  });

  it('is exact at a change of offset off the quarter hour (St. John’s, 00:01 local until 2011)', () => {
    // 2010-03-14 00:01 NST (-03:30) became 01:01 NDT: 03:31 UTC.
    const change = Date.UTC(2010, 2, 14, 3, 31);
    for (const ts of [change - 60_000, change - 1, change, change + 60_000])
      expect(zoneOf('America/St_Johns').offset(ts)).toBe(IANAZone.create('America/St_Johns').offset(ts));
    expect(zoneOf('America/St_Johns').offset(change - 1)).toBe(-210);
    expect(zoneOf('America/St_Johns').offset(change)).toBe(-150);
  });

  it('keeps luxon’s invalid zone for a name that is not one', () => {
    expect(DateTime.now().setZone(zoneOf('Asia/Nowhere')).isValid).toBe(false);
    expect(zoneOf('Asia/Makassar').equals(IANAZone.create('Asia/Makassar'))).toBe(true);
  });
});

describe('localHour', () => {
  it('is the local hour Intl gives', () => {
    fc.assert(
      // St. John's is left out: its changes at 00:01 local fall inside a slot (see localHour).
      fc.property(fc.constantFrom(...ZONES.filter((z) => z !== 'America/St_Johns')), instant, (name, ts) => {
        expect(localHour(new Date(ts), name)).toBe(DateTime.fromMillis(ts, { zone: name }).toFormat("yyyy-MM-dd'T'HH"));
      }),
      { numRuns: 3000 },
    );
  });
});
