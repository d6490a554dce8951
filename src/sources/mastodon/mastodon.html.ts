import { Parser } from 'htmlparser2';

/** Blocks set off by a blank line, as Mastodon renders the blank line between paragraphs. */
const PARAGRAPH_TAGS = new Set(['p', 'blockquote', 'pre', 'ul', 'ol']);
/** Blocks that start on a line of their own (remote servers send some of these). */
const LINE_TAGS = new Set(['li', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);
/** Never part of what a reader sees; Mastodon's sanitizer removes them, but remote HTML may not. */
const HIDDEN_TAGS = new Set(['script', 'style', 'template']);

/**
 * A status's `content` HTML as the plain text its author wrote: paragraphs separated by a blank
 * line and `<br>` as a line break (the inverse of Mastodon's own formatter), links and
 * hashtag/mention links reduced to their text (Mastodon splits a long link's text into
 * visible and "invisible" spans: all of them are kept, so the full URL survives), entities decoded.
 */
export function htmlToText(html: string): string {
  let out = '';
  // Newlines owed before the next text, so that block boundaries never pile up blank lines.
  let owed = 0;
  let hiddenDepth = 0;
  let preDepth = 0;

  const lineBreaks = (n: number): void => {
    if (out !== '') owed = Math.max(owed, n);
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN_TAGS.has(name)) hiddenDepth += 1;
        // A <br> is always a line of its own; owed breaks count the newlines it already wrote.
        else if (name === 'br') out += '\n';
        else if (PARAGRAPH_TAGS.has(name)) lineBreaks(2);
        else if (LINE_TAGS.has(name)) lineBreaks(1);
        if (name === 'pre') preDepth += 1;
      },
      onclosetag(name) {
        if (HIDDEN_TAGS.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        else if (PARAGRAPH_TAGS.has(name)) lineBreaks(2);
        else if (LINE_TAGS.has(name)) lineBreaks(1);
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
      },
      ontext(data) {
        if (hiddenDepth > 0) return;
        // Outside <pre>, a newline in the markup is only whitespace (line breaks are <br>).
        const text = preDepth > 0 ? data : data.replace(/[\r\n]+/g, ' ');
        if (owed > 0) {
          if (text.trim() === '') return;
          out = out.replace(/[ \t]+$/, '');
          const trailing = out.length - out.replace(/\n+$/, '').length;
          out += '\n'.repeat(Math.max(0, owed - trailing));
          owed = 0;
        }
        out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out.trim();
}
