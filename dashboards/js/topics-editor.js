// The campaign form's topics: a name and its keywords and hashtags per row (METRICS.md,
// "Attribution to topics"); rows can be added and removed with buttons.
import { el } from './dom.js';
import { t } from './i18n.js';

/** @param {string} s */
const splitList = (s) =>
  s
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * @param {Record<string, string[]> | undefined} topics
 * @param {string} describedBy the ids of the field's help and error
 */
export function topicsEditor(topics, describedBy) {
  const rows = el('div', { class: 'topic-rows', id: 'topic-rows' });
  let n = 0;
  /**
   * @param {string} [name]
   * @param {string[]} [keywords]
   */
  const addRow = (name = '', keywords = []) => {
    const i = n++;
    // A default topic shows by its name in the page's language; saved unchanged, it keeps its key.
    const shown = name && t(`topic.${name}`) !== `topic.${name}` ? t(`topic.${name}`) : name;
    const nameInput = el('input', {
      id: `topic-name-${i}`,
      class: 'topic-name',
      type: 'text',
      value: shown,
      maxlength: 60,
      'aria-describedby': describedBy,
      'data-key': name,
      'data-shown': shown,
    });
    const wordsInput = el('input', { id: `topic-words-${i}`, class: 'topic-words', type: 'text', value: keywords.join(', '), 'aria-describedby': describedBy });
    /** @type {HTMLDivElement} */
    const row = el(
      'div',
      { class: 'topic-row' },
      el('div', { class: 'field' }, el('label', { for: `topic-name-${i}` }, t('settings.topics.name')), nameInput),
      el('div', { class: 'field grow' }, el('label', { for: `topic-words-${i}` }, t('settings.topics.keywords')), wordsInput),
      el(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          'aria-label': t('settings.topics.remove', { name: shown || String(i + 1) }),
          'on:click': () => row.remove(),
        },
        t('settings.topics.removeShort'),
      ),
    );
    rows.append(row);
    return nameInput;
  };
  for (const [name, keywords] of Object.entries(topics ?? {})) addRow(name, keywords);
  const addButton = el('button', { type: 'button', class: 'secondary small', id: 'topic-add', 'on:click': () => addRow().focus() }, t('settings.topics.add'));

  return {
    element: el('div', { class: 'topics-editor' }, rows, addButton),
    input: rows,
    /** Topic → keywords; rows without a name are left out. */
    value: () =>
      Object.fromEntries(
        [...rows.querySelectorAll('.topic-row')]
          .map((r) => {
            const input = /** @type {HTMLInputElement} */ (r.querySelector('.topic-name'));
            const typed = input.value.trim();
            const name = typed && typed === input.dataset.shown ? (input.dataset.key ?? typed) : typed;
            return [name, splitList(/** @type {HTMLInputElement} */ (r.querySelector('.topic-words')).value)];
          })
          .filter(([name]) => name),
      ),
    isEmpty: () => rows.querySelectorAll('.topic-row').length === 0,
  };
}
