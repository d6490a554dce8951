import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { toGexf, xmlEscape } from '../../src/network/gexf.js';
import { buildNetwork, type NetworkPost } from '../../src/network/network.build.js';

/** The network of METRICS.md (nodes, edges, degree, the limit) and its GEXF 1.3 form. */

const post = (over: Partial<NetworkPost> & Pick<NetworkPost, 'authorId'>): NetworkPost => ({
  source: 'mastodon',
  platform: 'mastodon',
  handle: `@${over.authorId}@kupang.social`,
  followers: 10,
  references: { mentions: [] },
  ...over,
});

describe('buildNetwork', () => {
  it('matches a handle case-insensitively and with or without @, on the same platform only', () => {
    const net = buildNetwork(
      [
        post({ authorId: 'rina', handle: '@Rina@Kupang.Social' }),
        post({ authorId: 'budi', references: { mentions: ['rina@kupang.social', '@rina@kupang.social'] } }),
        // The same handle on X is another person.
        post({ source: 'x', platform: 'x', authorId: '7', handle: 'ani', references: { mentions: ['rina@kupang.social'] } }),
      ],
      10,
    );
    expect(net.edges).toEqual([
      { source: 'mastodon:budi', target: 'mastodon:rina', kind: 'mention', weight: 1 },
      { source: 'x:7', target: 'x:@rina@kupang.social', kind: 'mention', weight: 1 },
    ]);
  });

  it('counts degree once per linked author whatever the kinds and directions, and draws no edge to oneself', () => {
    const net = buildNetwork(
      [
        post({ authorId: 'a', references: { mentions: ['@b@kupang.social'], replyTo: { authorId: 'b' }, quoteOf: { authorId: 'a' } } }),
        post({ authorId: 'b', references: { mentions: ['@a@kupang.social'] } }),
        post({ authorId: 'c', references: { mentions: [], replyTo: { authorId: 'a' } } }),
      ],
      10,
    );
    expect(net.nodes.map((n) => [n.id, n.degree])).toEqual([
      ['mastodon:a', 2],
      ['mastodon:b', 1],
      ['mastodon:c', 1],
    ]);
    expect(net.edges.filter((e) => e.source === e.target)).toEqual([]);
    expect(net.edges).toHaveLength(4);
  });

  it('names an author outside the set by their own node, and one nobody knows by the handle', () => {
    const net = buildNetwork([post({ authorId: 'a', references: { mentions: ['@z@kupang.social', '@nobody@x.y'] } })], 10, [
      { source: 'mastodon', platform: 'mastodon', authorId: 'z', handle: '@z@kupang.social', followers: 77 },
    ]);
    expect(net.nodes).toContainEqual({ id: 'mastodon:z', handle: '@z@kupang.social', platform: 'mastodon', posts: 0, reach: 77, degree: 1 });
    expect(net.nodes).toContainEqual({ id: 'mastodon:@nobody@x.y', handle: '@nobody@x.y', platform: 'mastodon', posts: 0, reach: 0, degree: 1 });
  });
});

describe('GEXF', () => {
  const net = buildNetwork(
    [
      post({ authorId: 'a', handle: 'Ani <"&\'> \u0001', references: { mentions: ['b&co'] } }),
      post({ authorId: 'b&co', handle: 'b&co', references: { mentions: [], quoteOf: { authorId: 'a' } } }),
    ],
    10,
  );
  const xml = toGexf(net, { title: 'Kampanye <uji> & coba', generatedAt: new Date('2025-03-01T00:00:00Z') });

  it('is GEXF 1.3 with every node and edge, its labels escaped and read back as written', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3"')).toBe(true);
    const doc = parseDocument(xml, { xmlMode: true });
    const elements = (name: string) => {
      const found: Array<{ attribs: Record<string, string> }> = [];
      const walk = (n: { children?: unknown[]; name?: string; attribs?: Record<string, string> }) => {
        if (n.name === name && n.attribs) found.push({ attribs: n.attribs });
        for (const c of n.children ?? []) walk(c as typeof n);
      };
      walk(doc as never);
      return found;
    };
    expect(elements('gexf')[0]?.attribs.version).toBe('1.3');
    expect(elements('graph')[0]?.attribs.defaultedgetype).toBe('directed');
    expect(elements('node').map((n) => [n.attribs.id, n.attribs.label])).toEqual([
      ['mastodon:a', `Ani <"&'> `],
      ['mastodon:b&co', 'b&co'],
    ]);
    expect(elements('edge').map((e) => [e.attribs.source, e.attribs.target, e.attribs.kind, e.attribs.weight])).toEqual([
      ['mastodon:a', 'mastodon:b&co', 'mention', '1'],
      ['mastodon:b&co', 'mastodon:a', 'quote', '1'],
    ]);
    // No raw markup from a label or a title reaches the document.
    expect(xml).not.toContain('<uji>');
    expect(xml).not.toContain('<"');
    expect(xml).not.toContain('\u0001');
  });

  it('escapes the five XML characters', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
