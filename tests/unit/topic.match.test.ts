import { describe, expect, it } from 'vitest';
import { createTopicMatcher } from '../../src/topics/topic.match.js';
import { defaultTopics } from '../../src/topics/default-topics.js';
import { splitCamelCase } from '../../src/topics/text.normalize.js';

const matcher = createTopicMatcher({ ...defaultTopics(), environment: ['lingkungan', 'hutan', '#SaveForest'] });

describe('topic matching (METRICS.md, Attribution to topics)', () => {
  it.each([
    ['Workshop tentang LINGKUNGAN hidup', [], ['environment']],
    ['Jaga hutan kita', [], ['environment']],
    ['Ayo #SaveForest', ['saveforest'], ['environment']],
    ['Kita butuh save forest sekarang', [], ['environment']],
    ['Belajar #KeamananDigital bersama', ['keamanandigital'], ['digital safety']],
    ['Keamanan digital itu penting', [], ['digital safety']],
    ['Waspada hoaks dan penipuan online', [], ['digital safety']],
    ['Literasi digital untuk guru', [], ['education', 'digital literacy']],
    ['Pendidikan dan UMKM di Jambi', [], ['education', 'entrepreneurship']],
    ['Kebebasan berekspresi di media sosial', [], ['freedom of expression']],
    ['Pèndidikan with a diacritic', [], ['education']],
    ['Halo semua, sampai jumpa', [], ['other']],
    ['hutanku is one word, hutan another', [], ['environment']],
    // Possessive -ku is removed (stem.ts): "my forest" is about forests. Whole words still: hutang (debt) is not hutan.
    ['hutanku only', [], ['environment']],
    ['hutangku only', [], ['other']],
    ['usahawan is a different word', [], ['other']],
  ])('%s → %j', (text, tags, expected) => {
    expect(matcher.match(text, tags)).toEqual(expected);
  });

  it('a post in several topics is in each of them, in the campaign order', () => {
    expect(matcher.match('Hutan, sekolah, dan scam', [])).toEqual(['environment', 'education', 'digital safety']);
  });

  it('splits CamelCase hashtags into words', () => {
    expect(splitCamelCase('KeamananDigital')).toEqual(['keamanan', 'digital']);
    expect(splitCamelCase('UMKMJambi')).toEqual(['umkm', 'jambi']);
    expect(splitCamelCase('InternetSehat2015')).toEqual(['internet', 'sehat', '2015']);
  });
});
