// Two rule-base versions compared: each changed file with its unified diff (GET /api/rule-versions/diff).
import { h, table, link } from '../dom.js';
import { api } from '../api.js';
import * as L from '../labels.js';

function diffLines(text) {
  return h('pre', { class: 'diff mono' }, (text || '').split('\n').map((line) =>
    h('span', { class: line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del'
      : line.startsWith('@@') ? 'hunk' : null }, line + '\n')));
}

export async function render({ query }) {
  const from = query.get('from');
  const to = query.get('to');
  const d = await api('/api/rule-versions/diff?from=' + encodeURIComponent(from || '') + '&to=' + encodeURIComponent(to || ''));
  return h('div', {},
    h('h1', {}, '版本比较：v' + d.from + ' → v' + d.to),
    h('p', {}, link('#/rule-versions', '← 规则库版本'), ' · ', link('#/rule-versions/' + d.from, 'v' + d.from), ' · ', link('#/rule-versions/' + d.to, 'v' + d.to)),
    h('section', { class: 'panel', id: 'diff-files' }, h('h2', {}, '修改的文件（' + d.files.length + '）'), table([
      { label: '文件', value: (f) => h('a', { href: '#diff-' + encodeURIComponent(f.path), class: 'mono', onClick: (e) => {
        e.preventDefault();
        document.getElementById('diff-' + f.path).scrollIntoView();
      } }, f.path) },
      { label: '变化', value: (f) => L.label(L.FILE_DIFF, f.status) },
    ], d.files, { empty: '两个版本的文件完全相同。', className: 'compact' })),
    d.files.map((f) => h('section', { class: 'panel', id: 'diff-' + f.path }, h('h2', { class: 'mono' }, f.path + '（' + L.label(L.FILE_DIFF, f.status) + '）'),
      diffLines(f.diff))));
}
