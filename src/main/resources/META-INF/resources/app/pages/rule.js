// One rule: its sentence, metadata, explanation template and the values of the parameters it reads, its golden cases
// with what each expects, its precision from review decisions and, when that is low, the proposal to switch it to
// shadow mode (staff: GET /api/rules/{id}).
import { h, table, link, kv, money, pct, tag } from '../dom.js';
import { api } from '../api.js';
import * as L from '../labels.js';

export async function render({ params, session }) {
  const id = params[0];
  const [rules, golden, precision, page] = await Promise.all([api('/api/rules'), api('/api/rules/golden-cases'),
    session.isStaff() ? api('/api/findings/precision') : Promise.resolve([]),
    session.isStaff() ? api('/api/rules/' + encodeURIComponent(id)).catch(() => null) : Promise.resolve(null)]);
  const r = rules.find((x) => x.id === id);
  if (!r) return h('div', {}, h('h1', {}, '规则 ' + id), h('div', { class: 'alert error' }, '生效规则中没有 ' + id + '。'), link('#/rules', '← 规则库'));
  const mine = golden.filter((g) => g.ruleId === id);
  const p = precision.find((x) => x.ruleId === id);
  return h('div', {},
    h('h1', {}, r.id + ' ' + r.name),
    h('p', {}, link('#/rules', '← 规则库'), ' · ', link('#/findings?rule=' + r.id, '该规则的疑点')),
    h('section', { class: 'panel' }, kv([
      ['规则说明', h('span', { id: 'rule-sentence' }, r.sentence)], ['类别', L.label(L.FAMILIES, r.family)],
      ['结果类型', L.label(L.RESULT_TYPES, r.resultType)], ['严重程度', L.label(L.SEVERITIES, r.severity)],
      ['政策依据', r.basis], ['生效', (r.since || '—') + (r.until ? ' 至 ' + r.until : '')],
      ['模式', r.mode === 'shadow' ? '影子模式（疑点可见，不进入抽样与清算）' : '生效'],
      ['读取参数', r.parameters || '—'], ['规则文件', h('span', { class: 'mono' }, r.file)],
      ['准确率（审核结果）', p ? pct(p.precision) + '：认定 ' + p.confirmed + ' / 已处理 ' + p.decided : '尚无处理完毕的疑点'],
      ['疑点说明模板', r.explanation ? h('span', { class: 'mono', id: 'rule-template' }, r.explanation) : undefined],
      ['规则库版本', page ? link('#/rule-versions/' + page.ruleBaseVersion, 'v' + page.ruleBaseVersion) : undefined],
    ])),
    page && page.proposal ? h('div', { class: 'alert info', id: 'shadow-proposal' }, h('strong', {}, '建议切换为影子模式'), h('div', {}, page.proposal),
      session.has('admin', 'policy', 'approver') ? h('div', {}, link('#/rule-versions', '新建草稿并在草稿页“规则模式”中设置')) : null) : null,
    page && Object.keys(page.parameters || {}).length ? h('section', { class: 'panel', id: 'rule-parameters' }, h('h2', {}, '参数现值'), table([
      { label: '参数', value: ([k]) => h('span', { class: 'mono' }, k) },
      { label: '地区与年度：值', value: ([, byRegion]) => Object.entries(byRegion || {}).map(([where, val]) =>
        h('div', {}, where + '：' + (typeof val === 'object' && val !== null ? JSON.stringify(val) : String(val)))) },
    ], Object.entries(page.parameters), { className: 'compact' }),
    h('p', { class: 'muted small' }, '参数在 knowledge/parameters/*.yaml 中修改（新建草稿 → 编辑 → 校验 → 黄金用例 → 回测 → 审批发布）。')) : null,
    h('section', { class: 'panel', id: 'golden' }, h('h2', {}, '黄金用例（' + mine.length + '）'), table([
      { label: '用例', value: (g) => h('span', { class: 'mono' }, g.name) },
      { label: '类型', value: (g) => (g.kind === 'hit' ? tag('应命中', 'red') : tag('不应命中', 'green')) },
      { label: '月份', value: (g) => g.month },
      { label: '说明', value: (g) => g.description || '' },
      { label: '期望疑点', value: (g) => (g.findings.length ? g.findings.map((f) => h('div', {}, f.ruleId + '：' + f.caseIds.join('、') +
        (f.overpayment !== undefined ? '，多支付 ' + money(f.overpayment) : '') + (f.patientRefund !== undefined ? '，退患者 ' + money(f.patientRefund) : '') +
        (f.unpriced ? '，未计价' : '') + (f.correctGroup ? '，正确病组 ' + f.correctGroup : ''))) : '无') },
    ], mine, { empty: '该规则没有黄金用例。' })));
}
