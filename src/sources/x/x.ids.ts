/** X ids are 64-bit snowflakes written as decimal strings; they order as sortable-ids.ts says. */
export { compareIds, maxId, minId } from '../sortable-ids.js';

/** Milliseconds since the Unix epoch of the snowflake epoch (2010-11-04T01:42:54.657Z). */
const SNOWFLAKE_EPOCH_MS = 1288834974657;

/** The creation instant encoded in a snowflake id (the top 42 bits are ms since the X epoch). */
export function snowflakeTime(id: string): Date {
  return new Date(Number(BigInt(id) >> 22n) + SNOWFLAKE_EPOCH_MS);
}

/** A snowflake for an instant; `low` fills the 22 machine/sequence bits (0..4194303). */
export function snowflakeFromTime(ms: number, low = 0): string {
  const since = BigInt(Math.max(0, Math.floor(ms) - SNOWFLAKE_EPOCH_MS));
  return ((since << 22n) | BigInt(low & 0x3fffff)).toString();
}

/** True for a decimal string that X would accept as a tweet id. */
export function isTweetId(id: string): boolean {
  return /^[1-9][0-9]{0,19}$/.test(id);
}
