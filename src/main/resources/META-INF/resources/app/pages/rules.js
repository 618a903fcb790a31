// 规则库: the active rule base with every rule's sentence, family, parameters, golden cases and precision from review
// outcomes; running the golden cases (policy officer, approver).
import { h, replace, table, link, kv, pct, tag } from '../dom.js';
import { api, errorBox } from '../api.js';
import * as L from '../labels.js';

export function regressionReport(r) {
  return h('div', { class: 'alert ' + (r.failed ? 'error' : 'ok'), id: 'regression', role: 'status' },
    h('strong', {}, '黄金用例：通过 ' + r.passed + '，失败 ' + r.failed),
    r.failures && r.failures.length ? h('ul', {}, r.failures.map((f) => h('li', {}, f.testCase + '：',
      [f.missing && f.missing.length ? '缺少 ' + f.missing.join('、') : null, f.unexpected && f.unexpected.length ? '多出 ' + f.unexpected.join('、') : null,
        f.wrongValues && f.wrongValues.length ? '数值不符 ' + f.wrongValues.join('、') : null, f.error].filter(Boolean).join('；')))) : null);
}

export async function render({ session }) {
  const staff = session.isStaff();
  const [version, golden, precision] = await Promise.all([api('/api/rules/version'), api('/api/rules/golden-cases'),
    staff ? api('/api/findings/precision') : Promise.resolve([])]);
  const goldenByRule = {};
  golden.forEach((g) => { if (g.ruleId) (goldenByRule[g.ruleId] ||= []).push(g); });
  const precisionByRule = Object.fromEntries(precision.map((p) => [p.ruleId, p]));
  const status = h('div', { 'aria-live': 'polite' });
  const canTest = session.has('admin', 'policy', 'approver');
  const run = canTest ? h('button', { type: 'button', class: 'primary', id: 'run-golden', onClick: async () => {
    run.disabled = true;
    replace(status, h('div', { class: 'alert info' }, '正在用规则文件运行全部黄金用例…'));
    try { replace(status, regressionReport(await api('/api/rules/test', { method: 'POST' }))); } catch (err) { replace(status, errorBox(err)); }
    run.disabled = false;
  } }, '运行黄金用例') : null;
  return h('div', {},
    h('h1', {}, '规则库'),
    h('section', { class: 'panel' }, kv([
      ['生效版本', 'v' + version.version], ['规则数', version.ruleCount], ['内容哈希', h('span', { class: 'mono' }, version.contentHash)],
      ['黄金用例', golden.length + ' 个（每条规则至少一个命中、一个不命中）'],
      ['规则目录', link('#/rules/catalogue', '查看规则目录（含参数现值）')],
      session.has('admin', 'policy', 'approver', 'inspector') ? ['版本管理', link('#/rule-versions', '规则库版本：草稿、校验、回测、审批、发布与回滚')] : undefined,
    ]), h('div', { class: 'row' }, run), status),
    h('section', { class: 'panel' }, h('h2', {}, '生效规则'), table([
      { label: '编号', value: (r) => link('#/rules/' + r.id, r.id) },
      { label: '名称', value: (r) => r.name },
      { label: '类别', value: (r) => L.label(L.FAMILIES, r.family) },
      { label: '结果类型', value: (r) => L.label(L.RESULT_TYPES, r.resultType) },
      { label: '严重程度', value: (r) => L.label(L.SEVERITIES, r.severity) },
      { label: '模式', value: (r) => (r.mode === 'shadow' ? tag('影子模式', 'blue') : '生效') },
      { label: '参数', value: (r) => h('span', { class: 'small' }, r.parameters || '—') },
      { label: '黄金用例', value: (r) => (goldenByRule[r.id] || []).length, class: 'num' },
      { label: '准确率', value: (r) => (precisionByRule[r.id] ? pct(precisionByRule[r.id].precision) + '（' + precisionByRule[r.id].confirmed + '/' + precisionByRule[r.id].decided + '）' : '—'), class: 'num' },
    ], version.rules)));
}
