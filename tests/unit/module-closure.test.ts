import { describe, expect, it } from 'vitest';
import { staticImportClosure } from '../../src/http/pages/module-closure.js';

/** A module tree in memory: address → source. */
const reader = (files: Record<string, string>) => (address: string) => {
  const source = files[address];
  if (source === undefined) throw new Error(`no file ${address}`);
  return source;
};

describe('a page module’s static import closure', () => {
  it('follows every static import form through the files, in the order first met, and leaves import() out', () => {
    const files = {
      '/js/pages/page.js': [
        "import { a } from '../a.js';",
        "import '/js/side-effect.js';",
        "export { b } from '../b.js';",
        "export * from './local.js';",
        // Loaded on demand, on purpose: never preloaded, and neither is what it imports.
        "const later = () => import('../lazy.js');",
        'const here = import.meta.url;',
        "// import { commented } from '../commented.js';",
        'const text = "import { inString } from \'../in-string.js\'";',
      ].join('\n'),
      '/js/a.js': "import { c } from './c.js';\nexport const a = c;",
      '/js/b.js': "import { a } from './a.js';\nexport const b = a;",
      '/js/c.js': "import { b } from './b.js';\nexport const c = 1;",
      '/js/side-effect.js': '',
      '/js/pages/local.js': 'export const l = 1;',
      '/js/lazy.js': "import './only-lazy.js';",
    };
    expect(staticImportClosure('/js/pages/page.js', reader(files))).toEqual(['/js/a.js', '/js/side-effect.js', '/js/b.js', '/js/pages/local.js', '/js/c.js']);
  });

  it('stops on a name the browser could not load, and on a file that is not there', () => {
    expect(() => staticImportClosure('/js/p.js', reader({ '/js/p.js': "import { Chart } from 'chart.js';" }))).toThrow(
      /"chart\.js", which a browser cannot load/,
    );
    expect(() => staticImportClosure('/js/p.js', reader({ '/js/p.js': "import x from '//cdn.example/x.js';" }))).toThrow(/cannot load/);
    expect(() => staticImportClosure('/js/p.js', reader({ '/js/p.js': "import './gone.js';" }))).toThrow('no file /js/gone.js');
  });
});
