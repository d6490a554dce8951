import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A message the API can send: where it is written and its English text, `${…}` parts as `{}`. */
export interface ThrownMessage {
  file: string;
  line: number;
  text: string;
}

// Start-up and command-line messages are read by operators in a terminal, not by API callers.
const SKIP = /^src\/(config|config-fields)\.ts$|^src\/cli\/|^src\/demo\/|^src\/charts\/dashboard-types\//;
// Calls whose argument at that index is a message for the caller.
const MESSAGE_ARG: Record<string, number> = {
  badRequest: 0,
  notFound: 0,
  AppError: 2,
  ImportFileError: 2,
  ChatFileError: 2,
  SourceAuthError: 1,
  ReadBudgetError: 1,
  regex: 1,
  min: 1,
  max: 1,
  length: 1,
  refine: 1,
  finish: 1,
};
// Properties whose value is a message: field problems, zod's custom errors, import rejections, a source's missing credentials.
const MESSAGE_PROPS = new Set(['message', 'error', 'credentialsMissing']);
// Where any `new …Error('…')` ends as a collection run's failure, which the dashboard shows.
const RUN_FAILURES = /^src\/(sources|jobs)\/|^src\/store\/sqlite\/sqlite-errors\.ts$/;

/** The text of a string or template literal, `${…}` as `{}`; undefined for anything else. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  return undefined;
}

function enclosingFunctionName(node: ts.Node): string {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name))
      return n.parent.name.text;
  }
  return '';
}

/** Every literal message the API may answer with, from the sources under `root/src`. */
export function thrownMessages(root: string): ThrownMessage[] {
  const out: ThrownMessage[] = [];
  const files = (readdirSync(path.join(root, 'src'), { recursive: true }) as string[])
    .map((f) => `src/${f.split(path.sep).join('/')}`)
    .filter((f) => f.endsWith('.ts') && !SKIP.test(f));
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    // Every literal in the expression: both sides of `a ? 'x' : 'y'`, an arrow's answer; a template's own parts once.
    const add = (node: ts.Node) => {
      const text = literalText(node);
      if (text !== undefined) {
        if (/[a-z]{2}/i.test(text.replace(/\{\}/g, '')) && /\s|^[A-Z]/.test(text))
          out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
        if (ts.isTemplateExpression(node)) for (const span of node.templateSpans) add(span.expression);
        return;
      }
      ts.forEachChild(node, add);
    };
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        const at = MESSAGE_ARG[name];
        const arg = at === undefined ? undefined : node.arguments?.[at];
        if (arg) add(arg);
        // `new SomethingError('…')` thrown anywhere the API may pass on.
        if (ts.isNewExpression(node) && /Error$/.test(name) && at === undefined && RUN_FAILURES.test(file)) {
          const first = node.arguments?.find((a) => literalText(a) !== undefined);
          if (first) add(first);
        }
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && MESSAGE_PROPS.has(node.name.text)) add(node.initializer);
      // What `fooProblem()` or `fooMessage()` answers is a message too.
      if (ts.isReturnStatement(node) && node.expression && /(Problem|Message)$/.test(enclosingFunctionName(node))) add(node.expression);
      // `const message = …`, `const COUNT_HELP = '…'`: a message named before it is used.
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /^message$|_HELP$/.test(node.name.text) && node.initializer) add(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}
