// A backtest of a draft (docs/rule-lifecycle.md, step 5): its progress while it runs, then the difference against the
// active version per rule, per rule and hospital, and finding by finding, with the Excel workbook.
import { h, replace, table, link, dateTime, tag, kv, num, money, saveBlob } from '../dom.js';
import { api, errorBox, download } from '../api.js';
import * as L from '../labels.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHOWN = 300;

function lineColumns(withHospital) {
  return [
    { label: '规则', value: (l) => link('#/rules/' + l.ruleId, l.ruleId) },
    withHospital ? { label: '医院', value: (l) => l.hospitalCode } : null,
    { label: '新增', value: (l) => num(l.added), class: 'num' },
    { label: '减少', value: (l) => num(l.removed), class: 'num' },
    { label: '变化', value: (l) => num(l.changed), class: 'num' },
    { label: '不变', value: (l) => num(l.unchanged), class: 'num' },
    { label: '多支付：生效版本（元）', value: (l) => money(l.overpaymentActive), class: 'num' },
    { label: '多支付：草稿（元）', value: (l) => money(l.overpaymentDraft), class: 'num' },
    { label: '差额（元）', value: (l) => money(l.overpaymentDifference), class: 'num' },
  ].filter(Boolean);
}

export async function render({ params, refresh }) {
  const [version, id] = params;
  const b = await api('/api/rule-versions/' + version + '/backtests/' + id);
  const status = h('div', { 'aria-live': 'polite', id: 'backtest-status' });
  const head = [
    h('h1', {}, '回测 #' + b.id + ' · 规则库 v' + version),
    h('p', {}, link('#/rule-versions/' + version, '← 规则库 v' + version)),
  ];
  if (b.status === 'RUNNING') {
    // progress: the page asks again every two seconds while it is the page shown
    const here = location.hash;
    setTimeout(() => { if (location.hash === here) refresh(); }, 2000);
    return h('div', {}, head, h('section', { class: 'panel', id: 'backtest' },
      h('div', { class: 'alert info', role: 'status' }, h('strong', {}, '回测中…'), ' 月份 ' + (b.months || []).join('、') + '，开始于 '
        + dateTime(b.startedAt) + '。本页每 2 秒刷新一次。')));
  }
  if (b.status === 'FAILED') {
    return h('div', {}, head, h('div', { class: 'alert error', role: 'alert', id: 'backtest' }, h('strong', {}, '回测失败'), h('div', {}, b.message || '')));
  }
  const r = b.result;
  const xlsx = h('button', { type: 'button', id: 'backtest-xlsx', onClick: async () => {
    try {
      const f = await download('/api/rule-versions/' + version + '/backtests/' + id, XLSX);
      saveBlob(f.blob, f.name || 'backtest-' + id + '.xlsx');
    } catch (err) { replace(status, errorBox(err)); }
  } }, '下载 Excel');
  return h('div', {}, head,
    h('section', { class: 'panel', id: 'backtest' }, h('div', { class: 'row' }, h('h2', {}, '合计'), h('span', { class: 'spacer' }), xlsx), status,
      kv([
        ['状态', tag(L.label(L.BACKTEST_STATUS, b.status), 'green')],
        ['月份', r.months.join('、')], ['对比', 'v' + r.version + '（草稿）与 v' + r.against + '（生效）'],
        ['病例', num(r.cases) + ' 例，用时 ' + num(r.seconds, 1) + ' 秒'],
        ['疑点', h('span', { id: 'backtest-totals' }, '新增 ' + r.totals.added + '，减少 ' + r.totals.removed + '，变化 ' + r.totals.changed + '，不变 ' + r.totals.unchanged)],
        ['多支付', money(r.totals.overpaymentActive) + ' → ' + money(r.totals.overpaymentDraft) + ' 元（差额 ' + money(r.totals.overpaymentDifference) + ' 元）'],
      ])),
    h('section', { class: 'panel', id: 'by-rule' }, h('h2', {}, '按规则'), table(lineColumns(false), r.byRule, { empty: '没有疑点。', className: 'compact' })),
    h('section', { class: 'panel', id: 'by-rule-hospital' }, h('h2', {}, '按规则与医院'), table(lineColumns(true), r.byRuleAndHospital, { empty: '没有疑点。', className: 'compact' })),
    h('section', { class: 'panel', id: 'differences' }, h('h2', {}, '疑点差异明细（' + r.differences.length + (r.differencesTruncated ? '+，已截断' : '') + '）'),
      r.differences.length > SHOWN ? h('p', { class: 'muted small' }, '只显示前 ' + SHOWN + ' 条，全部见 Excel。') : null,
      table([
        { label: '月份', value: (d) => d.month },
        { label: '变化', value: (d) => L.label(L.DIFF_CHANGES, d.change) },
        { label: '规则', value: (d) => d.ruleId },
        { label: '医院', value: (d) => d.hospitalCode },
        { label: '病例', value: (d) => (d.caseIds || []).map((c, i) => [i ? '、' : '', link('#/cases/' + encodeURIComponent(c), c)]) },
        { label: '多支付（元）', value: (d) => (d.overpaymentActive !== undefined ? money(d.overpaymentActive) : '—') + ' → ' + (d.overpaymentDraft !== undefined ? money(d.overpaymentDraft) : '—'), class: 'num' },
        { label: '正确病组', value: (d) => (d.correctGroupActive || d.correctGroupDraft ? (d.correctGroupActive || '—') + ' → ' + (d.correctGroupDraft || '—') : '') },
        { label: '说明', value: (d) => h('span', { class: 'small' }, d.explanation || '') },
      ], r.differences.slice(0, SHOWN), { empty: '草稿与生效版本在这些月份的疑点完全相同。', className: 'compact' })));
}
