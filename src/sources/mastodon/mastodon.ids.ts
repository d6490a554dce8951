/**
 * Mastodon status ids are decimal strings of 64-bit integers (a millisecond timestamp shifted
 * left 16 bits), too large for JS numbers; other servers speaking the Mastodon API use
 * fixed-length sortable strings. Both order correctly by length, then lexicographically.
 */

export { compareIds as compareStatusIds, maxId as newestStatusId, minId as oldestStatusId } from '../sortable-ids.js';
