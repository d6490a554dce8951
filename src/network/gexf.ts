import type { Network } from './network.build.js';

/**
 * A network as GEXF 1.3 (https://gexf.net), the format Gephi opens: a directed static graph, the
 * nodes labelled by handle with their platform, posts, reach and degree as attributes, the edges
 * weighted, with their kind both as GEXF's edge `kind` and as an attribute. Every text is escaped.
 */

/** Escapes text for an XML attribute value or element; drops characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return [...text]
    .filter((ch) => isXmlChar(ch.codePointAt(0) ?? 0))
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** XML 1.0's Char production: tab, line feed, carriage return and the code points from U+0020, less surrogates and U+FFFE–U+FFFF. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
}

const NODE_ATTRIBUTES = [
  ['platform', 'string'],
  ['handle', 'string'],
  ['posts', 'integer'],
  ['reach', 'long'],
  ['degree', 'integer'],
] as const;

export function toGexf(network: Network, meta: { title: string; generatedAt: Date }): string {
  const a = (v: string | number) => `"${xmlEscape(String(v))}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta lastmodifieddate=${a(meta.generatedAt.toISOString().slice(0, 10))}>`,
    '    <creator>Kabar Kampanye</creator>',
    `    <description>${xmlEscape(meta.title)}</description>`,
    '  </meta>',
    '  <graph mode="static" defaultedgetype="directed">',
    '    <attributes class="node" mode="static">',
    ...NODE_ATTRIBUTES.map(([id, type]) => `      <attribute id=${a(id)} title=${a(id)} type=${a(type)}/>`),
    '    </attributes>',
    '    <attributes class="edge" mode="static">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of network.nodes) {
    const values = { platform: n.platform, handle: n.handle ?? '', posts: n.posts, reach: n.reach, degree: n.degree };
    lines.push(`      <node id=${a(n.id)} label=${a(n.handle ?? n.id)}>`);
    lines.push('        <attvalues>');
    for (const [id] of NODE_ATTRIBUTES) lines.push(`          <attvalue for=${a(id)} value=${a(values[id])}/>`);
    lines.push('        </attvalues>');
    lines.push('      </node>');
  }
  lines.push('    </nodes>', '    <edges>');
  network.edges.forEach((e, i) => {
    lines.push(`      <edge id=${a(i)} source=${a(e.source)} target=${a(e.target)} kind=${a(e.kind)} label=${a(e.kind)} weight=${a(e.weight)}>`);
    lines.push(`        <attvalues><attvalue for="kind" value=${a(e.kind)}/></attvalues>`);
    lines.push('      </edge>');
  });
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}
