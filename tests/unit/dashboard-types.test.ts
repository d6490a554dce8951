import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The server's types of the dashboard's shared modules are generated from their JSDoc
 * (`npm run dashboard-types`), never written by hand: regenerated here in memory, they must be the
 * committed files, byte for byte.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = path.join(ROOT, 'tsconfig.dashboard-types.json');

function emitDeclarations(): { outDir: string; files: Map<string, string>; errors: string[] } {
  const { config, error } = ts.readConfigFile(CONFIG, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, CONFIG);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const files = new Map<string, string>();
  const outDir = parsed.options.outDir!;
  const result = program.emit(undefined, (file, text) => files.set(path.relative(outDir, file), text), undefined, true);
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { outDir, files, errors };
}

const committed = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

describe('generated declarations of the shared dashboard modules', () => {
  it('are the committed ones (run npm run dashboard-types after changing a shared module)', () => {
    const { outDir, files, errors } = emitDeclarations();
    expect(errors).toEqual([]);
    expect(files.size).toBeGreaterThanOrEqual(4);
    expect(committed(outDir).sort()).toEqual([...files.keys()].sort());
    for (const [file, text] of files) expect(readFileSync(path.join(outDir, file), 'utf8'), file).toBe(text);
    // A whole compile with chart.js's types: seconds alone, much longer on a machine that runs other tests too.
  }, 180_000);
});
