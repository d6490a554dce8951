// The dashboard's only way to the server: the HTTP API (API.md) with the Bearer token kept in
// localStorage. The token never goes into a URL the dashboard makes.

const TOKEN_KEY = 'kk.token';

export const token = () => localStorage.getItem(TOKEN_KEY);
export const setToken = (t) => localStorage.setItem(TOKEN_KEY, t);
export const clearToken = () => localStorage.removeItem(TOKEN_KEY);

/** A token in the link's fragment (`#token=…`, printed by `npm start`) signs in once, then leaves the address bar. */
export function takeTokenFromFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const t = params.get('token');
  if (t) {
    setToken(t);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
}

/** An answer in the API's error shape, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, body, fallback) {
    super(body?.error?.message ?? fallback ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? (status === 0 ? 'network' : 'http');
    this.details = Array.isArray(body?.error?.details) ? body.error.details : [];
  }
}

/** `?a=1&city=x&city=y` from an object whose values may be arrays; empty values left out. */
export function queryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null && item !== '') q.append(k, String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const campaignPath = (id, rest = '') => `/campaigns/${encodeURIComponent(id)}${rest ? `/${rest}` : ''}`;

async function request(method, path, { json, body, contentType } = {}) {
  const headers = { Authorization: `Bearer ${token()}` };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  else if (contentType) headers['Content-Type'] = contentType;
  let res;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: json !== undefined ? JSON.stringify(json) : body });
  } catch {
    throw new ApiError(0, null, 'network');
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/**
 * Reads are shared while the page lives: a chart and a filter list asking for the same breakdown
 * make one request. A failed read is forgotten so that "try again" asks again.
 */
const reads = new Map();
export function apiGet(path) {
  if (!reads.has(path)) {
    const p = request('GET', path);
    reads.set(path, p);
    p.catch(() => reads.delete(path));
  }
  return reads.get(path);
}

/** Writes forget every read: what they change shows on the next look. */
export async function apiSend(method, path, opts) {
  const out = await request(method, path, opts);
  reads.clear();
  return out;
}
