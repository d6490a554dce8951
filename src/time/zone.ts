import { LRUCache } from 'lru-cache';
import { DateTime, FixedOffsetZone, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

/** Day and hour buckets in a campaign's IANA time zone (METRICS.md, "Time"). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD; hourCycle h23 keeps midnight at 00.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Every UTC offset in use is a whole number of quarter hours, and every change of offset since
 * 2011 falls on a quarter hour (St. John's changed at 00:01 before), so the local hour is the
 * same for every instant of a 15-minute slot. Enrichment asks for millions of instants
 * and Intl formatting is slow: one answer per zone and slot is kept.
 */
const SLOT_MS = 15 * 60_000;
/** Slots kept per zone and cache: a long re-attribution touches many; the least recent go first. */
const MAX_SLOTS = 50_000;
const hourCache = new Map<string, LRUCache<number, string>>();

/** `YYYY-MM-DDTHH` of an instant in a zone. */
export function localHour(instant: string | Date, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const slot = Math.floor(date.getTime() / SLOT_MS);
  let slots = hourCache.get(timeZone);
  if (!slots) hourCache.set(timeZone, (slots = new LRUCache({ max: MAX_SLOTS })));
  const hit = slots.get(slot);
  if (hit !== undefined) return hit;
  const parts = formatter(timeZone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}`;
  slots.set(slot, hour);
  return hour;
}

/**
 * luxon's IANA zone with its offsets kept per 15-minute slot. An
 * IANAZone formats the instant with Intl for every offset it is asked, and a metrics request
 * asks a dozen times (a third of a cached request's time on the bench): a campaign's zone is
 * asked about the same few instants again and again.
 */
class SlotCachedZone extends Zone {
  private readonly slots = new LRUCache<number, number>({ max: MAX_SLOTS });

  constructor(private readonly iana: IANAZone) {
    super();
  }
  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.iana.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return this.iana.isValid;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.iana.offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return FixedOffsetZone.instance(this.offset(ts)).formatOffset(ts, format);
  }
  override offset(ts: number): number {
    const slot = Math.floor(ts / SLOT_MS);
    const known = this.slots.get(slot);
    if (known !== undefined) return known;
    // A slot is kept only when its first and last millisecond agree: a change of offset off the
    // quarter hour (St. John's changed at 00:01 until 2011) is answered exactly, uncached.
    const first = this.iana.offset(slot * SLOT_MS);
    if (first !== this.iana.offset((slot + 1) * SLOT_MS - 1)) return this.iana.offset(ts);
    this.slots.set(slot, first);
    return first;
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, Zone>();

/** The luxon zone of an IANA name, to pass wherever luxon takes a zone (`{ zone }`, setZone). */
export function zoneOf(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    const iana = IANAZone.create(timeZone);
    // An invalid name keeps luxon's own handling (an invalid DateTime), uncached.
    z = iana.isValid ? new SlotCachedZone(iana) : iana;
    zones.set(timeZone, z);
  }
  return z;
}

export function isValidTimeZone(timeZone: string): boolean {
  return DateTime.local().setZone(timeZone).isValid;
}
