import { ImportType, initSync, parse } from 'es-module-lexer';

// The lexer is WebAssembly; compiling it synchronously keeps page rendering a plain function call.
initSync();

/**
 * The modules a browser must fetch before it can run `entry`: its static imports (`import … from`,
 * `import '…'`, `export … from`) and theirs, in the order first met, `entry` itself left out.
 * `import()` is not followed: what a page loads on demand (chart.js, a language's words) is not
 * preloaded. Addresses are paths under the dashboard's root (`/js/pages/overview.js`); `read`
 * returns a module's source by its address.
 */
export function staticImportClosure(entry: string, read: (address: string) => string): string[] {
  const seen = new Set([entry]);
  const order = [entry];
  for (let i = 0; i < order.length; i++) {
    const from = order[i]!;
    const [imports] = parse(read(from), from);
    for (const spec of imports) {
      if (spec.t !== ImportType.Static) continue;
      const address = resolveSpecifier(spec.n!, from);
      if (seen.has(address)) continue;
      seen.add(address);
      order.push(address);
    }
  }
  return order.slice(1);
}

/** A relative or root-relative specifier as an address, as the browser resolves it against its importer. */
function resolveSpecifier(specifier: string, from: string): string {
  // No import map and no bundler: a bare name ('chart.js') would fail in the browser, so it fails here first.
  const base = new URL(from, 'http://dashboard');
  const url = /^\.{0,2}\//.test(specifier) ? new URL(specifier, base) : null;
  if (!url || url.origin !== base.origin)
    throw new Error(`${from} imports "${specifier}", which a browser cannot load from this service: use a path such as ./x.js`);
  return url.pathname;
}
