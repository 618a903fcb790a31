// 规则目录: the catalogue of the active rule base with the current value of every parameter a rule reads. The service
// renders the Markdown to HTML with raw HTML escaped, so it is safe to insert.
import { h, link } from '../dom.js';
import { api } from '../api.js';

export async function render() {
  const html = await api('/api/ui/rules/catalogue', { headers: { Accept: 'text/html' } });
  const body = h('div', { class: 'md', id: 'catalogue' });
  body.innerHTML = html;
  return h('div', {}, h('h1', {}, '规则目录'), h('p', {}, link('#/rules', '← 规则库'), ' · Markdown 原文：',
    h('code', {}, 'GET /api/rules/catalogue')), h('section', { class: 'panel' }, body));
}
