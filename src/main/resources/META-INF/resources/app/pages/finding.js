// One finding: what the rule says and why, its money and evidence, the decision, and the cases it names laid out
// like a 结算清单 with the grouper's regrouping.
import { h, link, kv } from '../dom.js';
import { api } from '../api.js';
import { findingCard, caseSheet, groupingBlock } from '../components.js';

export async function render({ params }) {
  const [f, rules] = await Promise.all([api('/api/findings/' + params[0]), api('/api/rules')]);
  const rule = rules.find((r) => r.id === f.ruleId);
  const cases = f.cases || [];
  const groupings = await Promise.all(cases.map((c) => api('/api/cases/' + encodeURIComponent(c.caseId) + '/grouping').catch(() => null)));
  return h('div', {},
    h('h1', {}, '疑点 #' + f.id + ' ' + f.ruleId + ' ' + (f.ruleName || '')),
    h('p', {}, link('#/findings?month=' + f.month + '&rule=' + f.ruleId, '← 同月同规则的疑点')),
    findingCard(f, { withLink: false, open: true }),
    rule ? h('section', { class: 'panel' }, h('h2', {}, '规则'), kv([
      ['规则说明', rule.sentence], ['政策依据', rule.basis], ['生效', (rule.since || '—') + (rule.until ? ' 至 ' + rule.until : '')],
      ['读取参数', rule.parameters || '—'], ['详情', link('#/rules/' + rule.id, '规则库中的 ' + rule.id)],
    ])) : null,
    cases.map((c, i) => h('section', { class: 'case-block' },
      h('h2', {}, '病例 ', link('#/cases/' + encodeURIComponent(c.caseId), c.caseId),
        cases.length > 1 ? '（第 ' + (i + 1) + ' 次住院，共 ' + cases.length + ' 次）' : ''),
      caseSheet(c),
      groupings[i] ? h('details', { open: f.family === 'high-coding' || f.family === 'mismatch' }, h('summary', {}, '分组器重新分组与分组路径'), groupingBlock(groupings[i])) : null)),
    f.caseIds.filter((c) => !cases.some((x) => x.caseId === c)).map((c) => h('p', { class: 'muted' }, c)));
}
