// Building the page without HTML strings: every value from the API goes in as a text node, so a
// post or a name written as markup (`<img src=x onerror=…>`) shows as the characters it is.

/**
 * What goes into an element: nodes, and text from anything else; null, undefined and false are
 * skipped. A list is spread in place (one level deep).
 * @typedef {Node | string | number | boolean | null | undefined} Leaf
 * @typedef {Leaf | ReadonlyArray<Leaf>} Child
 */
/**
 * Attributes: null, undefined and false leave one out, true sets it empty; `on:event` adds a listener.
 * @typedef {Record<string, string | number | boolean | null | undefined | ((event: Event) => unknown)>} Attrs
 */

/**
 * An element with attributes (`class`, `hidden`, `on:click` listeners…) and children (nodes or text).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on:')) node.addEventListener(k.slice(3), /** @type {EventListener} */ (v));
    else if (k === 'class') node.className = String(v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

/**
 * @template {Node & ParentNode} N
 * @param {N} node
 * @param {ReadonlyArray<Child>} children
 */
export function append(node, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/**
 * A loading, empty or error message in a region; an error may offer a retry button.
 * @param {'loading' | 'empty' | 'error'} kind
 * @param {string} message
 * @param {{ label: string, run: () => unknown }} [action]
 */
export function stateBox(kind, message, action) {
  return el(
    'div',
    { class: `state-box ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    el('p', {}, message),
    action ? el('button', { type: 'button', class: 'secondary', 'on:click': action.run }, action.label) : null,
  );
}

/**
 * A link to another page of the dashboard, keeping only the given query parameters.
 * @param {string} page
 * @param {Record<string, string | string[] | null | undefined>} [params]
 */
export function pageHref(page, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) for (const item of Array.isArray(v) ? v : [v]) if (item) q.append(k, item);
  const s = q.toString();
  return `/${page}${s ? `?${s}` : ''}`;
}

/**
 * A link to a post's original, or null when the address is not http(s) (never a `javascript:` link).
 * @param {string | null | undefined} url
 */
export function safeUrl(url) {
  try {
    const u = new URL(url ?? '');
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * A wide table's scroll box: reachable by keyboard (tabindex 0, so a phone's narrow screen does not
 * hide columns from those without a pointer) and named for screen readers (axe: scrollable-region-focusable).
 * @param {string} label what the table shows
 * @param {HTMLElement} table
 */
export function scrollBox(label, table) {
  return el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': label }, table);
}

/**
 * A table of figures: a header row whose columns after the first are marked numeric, then per item
 * a row header and its cells (figures numeric, text not).
 * @param {{ className: string, caption?: string, head: string[], rows: Array<{ header: Child, cells: Array<{ value: Child, num?: boolean }> }> }} spec
 * @returns {HTMLTableElement}
 */
export function figureTable({ className, caption, head, rows }) {
  return el(
    'table',
    { class: className },
    caption === undefined ? null : el('caption', { class: 'visually-hidden' }, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        head.map((h, i) => el('th', { scope: 'col', class: i ? 'num' : null }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((r) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, r.header),
          r.cells.map((c) => el('td', c.num ? { class: 'num' } : {}, c.value)),
        ),
      ),
    ),
  );
}
