// The dashboard's only way to the server: the HTTP API (API.md). Who the page speaks for, first match:
// - a share link (`/share/<secret>`): the secret is the address's last segment, sent as the Bearer
//   credential and kept in memory only, never stored;
// - a Bearer token kept in localStorage (`kk.token`: the operator's, printed by `npm start` as a
//   `#token=` link, or a personal `kkt_…` token);
// - else the HttpOnly session cookie that signing in set, which the browser sends by itself; every
//   write then carries the session's CSRF token in `X-CSRF-Token`.
// No credential goes into a URL the dashboard makes.
import { getLang, onLangChange } from './i18n.js';
/** @import { ErrorDetail, Who } from './api-types.js' */

const TOKEN_KEY = 'kk.token';
const SHARE_PREFIX = '/share/';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The share link's secret when the page was opened as `/share/<secret>`, else null. */
const SHARE_SECRET = (() => {
  if (!location.pathname.startsWith(SHARE_PREFIX)) return null;
  const last = location.pathname.slice(SHARE_PREFIX.length).split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : '';
  } catch {
    return '';
  }
})();

/** Whether this page is a sponsor's read-only report opened through a share link. */
export const shareMode = () => SHARE_SECRET !== null;

export const token = () => localStorage.getItem(TOKEN_KEY);
/** @param {string} t */
export const setToken = (t) => localStorage.setItem(TOKEN_KEY, t);
export const clearToken = () => localStorage.removeItem(TOKEN_KEY);

/** A token in the link's fragment (`#token=…`, printed by `npm start`) signs in once, then leaves the address bar. */
export function takeTokenFromFragment() {
  if (shareMode()) return;
  const params = new URLSearchParams(location.hash.slice(1));
  const t = params.get('token');
  if (t) {
    setToken(t);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
}

/** An answer in the API's error shape, or a network failure (status 0). */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {any} body the answer's JSON, whatever it is
   * @param {string} [fallback]
   * @param {number | null} [retryAfter]
   */
  constructor(status, body, fallback, retryAfter = null) {
    super(body?.error?.message ?? fallback ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? (status === 0 ? 'network' : 'http');
    /** @type {ErrorDetail[]} */
    this.details = Array.isArray(body?.error?.details) ? body.error.details : [];
    /** Seconds to wait, from a 429's Retry-After. */
    this.retryAfter = retryAfter;
  }
}

/**
 * `?a=1&city=x&city=y` from an object whose values may be arrays; empty values left out.
 * @param {Record<string, unknown>} params
 */
export function queryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null && item !== '') q.append(k, String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * @param {string} id
 * @param {string} [rest]
 */
export const campaignPath = (id, rest = '') => `/campaigns/${encodeURIComponent(id)}${rest ? `/${rest}` : ''}`;

/**
 * The sign-in page's address, remembering where to come back to.
 * @param {string | null} why
 * @param {string} [next]
 */
export function signInHref(why, next = location.pathname + location.search) {
  const q = new URLSearchParams({ next });
  if (why) q.set('why', why);
  return `/signin.html?${q}`;
}

let leaving = false;
/**
 * Off to the sign-in page (once, however many requests were refused at the same time).
 * @param {string | null} why
 */
export function goToSignIn(why) {
  if (leaving) return;
  leaving = true;
  location.assign(signInHref(why));
}

/**
 * A refused credential outside share mode: a stored token is forgotten, and the person goes to the
 * sign-in page with a word on why (a session that ended, a token that was revoked…).
 * @param {ApiError} err
 */
export function unauthorized(err) {
  if (shareMode()) return;
  if (token()) {
    clearToken();
    goToSignIn(err.code === 'credential_expired' || err.code === 'credential_revoked' || err.code === 'account_disabled' ? err.code : 'token');
    return;
  }
  goToSignIn(err.code === 'session_ended' || err.code === 'account_disabled' ? err.code : null);
}

/**
 * One request. `credential: 'none'` sends no token and no CSRF header (signing in: the cookie the
 * answer sets must still be kept, so the fetch is same-origin as always); `bearer` sends that
 * token instead of the page's own (checking a pasted token); `quiet` leaves a 401 to the caller;
 * `raw` answers the Response itself.
 * @typedef {object} RequestOptions
 * @property {unknown} [json]
 * @property {BodyInit} [body]
 * @property {string} [contentType]
 * @property {'none'} [credential]
 * @property {string} [bearer]
 * @property {boolean} [quiet]
 * @property {boolean} [raw]
 */
/**
 * @param {string} method
 * @param {string} path under /api/v1
 * @param {RequestOptions} [opts]
 * @returns {Promise<any>} the answer's JSON (its shape is API.md's), null for a 204, or the Response when `raw`
 */
async function request(method, path, opts = {}, retried = false) {
  const { json, body, contentType, credential, bearer, quiet, raw } = opts;
  // The API words its messages in the page's language (codes and fields stay the same).
  /** @type {Record<string, string>} */
  const headers = { 'Accept-Language': getLang() };
  const secret = credential === 'none' ? null : (bearer ?? SHARE_SECRET ?? token());
  const withCookie = credential !== 'none' && !secret;
  if (secret) headers.Authorization = `Bearer ${secret}`;
  else if (withCookie && !SAFE_METHODS.has(method)) {
    const csrf = await csrfToken();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  else if (contentType) headers['Content-Type'] = contentType;
  let res;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: json !== undefined ? JSON.stringify(json) : body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null, 'network');
  }
  if (res.ok && raw) return res;
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, data, undefined, Number(res.headers.get('Retry-After')) || null);
    // The session was renewed elsewhere (another tab signed in again): ask for its token once more.
    if (err.code === 'csrf_failed' && withCookie && !retried) {
      who = null;
      return request(method, path, opts, true);
    }
    if (err.status === 401 && !quiet && credential !== 'none' && !bearer) unauthorized(err);
    throw err;
  }
  return data;
}

/** @type {Promise<Who> | null} */
let who = null;
/**
 * Who the page speaks for (GET /session), asked once while the page lives: `{kind:'operator',role}`,
 * `{kind:'user',role,user,csrfToken?}` or `{kind:'share',link}`. With no credential the person is
 * sent to sign in.
 * @returns {Promise<Who>}
 */
export function whoAmI() {
  if (!who) {
    /** @type {Promise<Who>} */
    const p = request('GET', '/session');
    who = p;
    p.catch(() => {
      if (who === p) who = null;
    });
  }
  return who;
}

async function csrfToken() {
  try {
    return (await whoAmI()).csrfToken ?? '';
  } catch {
    return '';
  }
}

/** How the page is signed in: 'share', 'token' (kept in localStorage) or 'cookie'. */
export const credentialKind = () => (shareMode() ? 'share' : token() ? 'token' : 'cookie');

/**
 * Reads are shared while the page lives: a chart and a filter list asking for the same breakdown
 * make one request. A failed read is forgotten so that "try again" asks again.
 */
/** @type {Map<string, Promise<any>>} */
const reads = new Map();
// An answer holds messages in the language it was asked in.
onLangChange(() => reads.clear());
/**
 * @param {string} path under /api/v1
 * @returns {Promise<any>} the answer's JSON; its shape is API.md's
 */
export function apiGet(path) {
  let p = reads.get(path);
  if (!p) {
    p = request('GET', path);
    reads.set(path, p);
    p.catch(() => reads.delete(path));
  }
  return p;
}

/**
 * A read that is never shared nor kept: for watching something that changes while the page is open.
 * @param {string} path under /api/v1
 * @returns {Promise<any>} the answer's JSON; its shape is API.md's
 */
export const apiFresh = (path) => request('GET', path);

/**
 * Writes forget every read: what they change shows on the next look.
 * @param {string} method
 * @param {string} path under /api/v1
 * @param {RequestOptions} [opts]
 * @returns {Promise<any>} the answer's JSON; its shape is API.md's
 */
export async function apiSend(method, path, opts) {
  const out = await request(method, path, opts);
  reads.clear();
  return out;
}

/**
 * Downloads a file the API answers (a CSV export) with the page's credential, under `filename`.
 * @param {string} path under /api/v1
 * @param {string} filename
 */
export async function apiDownload(path, filename) {
  /** @type {Response} */
  const res = await request('GET', path, { raw: true });
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * An image the API answers (a campaign's logo) as a data: address, fetched with the page's
 * credential: a share link's secret is no cookie, so an <img> could not ask for it itself.
 * @param {string} path under /api/v1
 * @returns {Promise<string>}
 */
export async function apiDataUrl(path) {
  /** @type {Response} */
  const res = await request('GET', path, { raw: true });
  const blob = await res.blob();
  return new Promise((resolve, reject) => {
    const reader = new window.FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Signs in with e-mail and password: the server sets the session cookie. A stored token would win over it, so it goes.
 * @param {string} email
 * @param {string} password
 */
export async function signIn(email, password) {
  const out = await request('POST', '/session', { json: { email, password }, credential: 'none' });
  clearToken();
  who = null;
  return out;
}

/**
 * Whether a pasted token is accepted, and as whom.
 * @param {string} t
 * @returns {Promise<Who>}
 */
export const checkToken = (t) => request('GET', '/session', { bearer: t, quiet: true });

/** Signs out: ends the cookie session, forgets a stored token, and goes to the sign-in page. */
export async function signOut() {
  if (credentialKind() === 'cookie') {
    try {
      await request('DELETE', '/session', { quiet: true });
    } catch (err) {
      // An already-ended session is signed out all the same.
      if (err.status !== 401) throw err;
    }
  }
  clearToken();
  who = null;
  leaving = true;
  location.assign(`/signin.html?${new URLSearchParams({ why: 'signed-out' })}`);
}
