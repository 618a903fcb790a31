// One hospital's clearing statement: the figures, every line with its source and explanation, the Excel workbook.
import { h, replace, money, num, table, link, kv, saveBlob } from '../dom.js';
import { api, errorBox, download } from '../api.js';
import * as L from '../labels.js';

export async function render({ params, session }) {
  const [id, hospital] = params;
  const v = await api('/api/clearing-runs/' + id + '/statements/' + encodeURIComponent(hospital));
  const s = v.statement;
  const status = h('div', { 'aria-live': 'polite' });
  const excel = h('button', { type: 'button', class: 'primary', id: 'statement-xlsx', onClick: async () => {
    try {
      const f = await download('/api/clearing-runs/' + id + '/statements/' + encodeURIComponent(hospital) + '?format=xlsx');
      saveBlob(f.blob, f.name || 'clearing-' + id + '-' + hospital + '.xlsx');
      replace(status, h('div', { class: 'alert ok' }, '已下载 ' + (f.name || '清算单') + '。'));
    } catch (err) { replace(status, errorBox(err)); }
  } }, '下载 Excel 清算单');
  return h('div', {},
    h('h1', {}, '清算单 · ' + s.hospitalCode + ' ' + (s.hospitalName || '') + ' · ' + v.run.year + ' 年'),
    h('p', {}, session.isStaff() ? link('#/clearing/' + id, '← 清算批次 #' + id) : '清算批次 #' + id, ' · ', v.run.statusLabel || v.run.status),
    h('div', { class: 'panel row' }, excel, status),
    h('section', { class: 'panel' }, h('h2', {}, '汇总'), kv([
      ['医院系数', s.coefficient], ['病例数', num(s.caseCount)], ['点数', num(s.points, 4)],
      ['应付金额（元）', h('b', {}, money(s.amountDue))],
      ['认定多支付（元）', money(s.overpayment)], ['违约金（元）', money(s.penalties)], ['应退患者（元）', money(s.patientRefunds)],
      ['违规费用合计（元）', money(s.findingsCost)], ['全年基金支付（元）', money(s.fundPayments)],
      ['考核', (s.grade || '—') + (s.assessmentScore !== null && s.assessmentScore !== undefined ? '（' + s.assessmentScore + ' 分）' : '') + (s.veto ? '，一票否决' : '')],
      ['质量保证金：预留 / 扣减（元）', money(s.depositWithheld) + ' / ' + money(s.depositForfeited)],
      ['扣款合计（元）', money(s.deductions)], ['已预付（元）', money(s.advancesPaid)],
      ['清算差额（元）', h('b', { id: 'balance' }, money(s.balance))],
    ])),
    h('section', { class: 'panel', id: 'lines' }, h('h2', {}, '明细（' + v.lines.length + ' 行）'), table([
      { label: '项目', value: (l) => l.label || l.kind },
      { label: '来源', value: (l) => L.label(L.LINE_SOURCES, l.sourceType) + ' ' + (['FINDING', 'SPECIAL_CASE'].includes(l.sourceType) ? '' : l.sourceId || '') },
      { label: '疑点 / 申报 / 病例', value: (l) => [l.sourceType === 'FINDING' ? link('#/findings/' + l.sourceId, '#' + l.sourceId) : null,
        l.sourceType === 'SPECIAL_CASE' && l.sourceId ? link('#/special-cases/' + l.sourceId, '特例单议 #' + l.sourceId) : null,
        l.caseId ? [' ', link('#/cases/' + encodeURIComponent(l.caseId), l.caseId)] : null] },
      { label: '病组', value: (l) => l.groupCode || '' },
      { label: '例数', value: (l) => (l.caseCount ?? ''), class: 'num' },
      { label: '点数', value: (l) => (l.points !== undefined && l.points !== null ? num(l.points, 4) : ''), class: 'num' },
      { label: '金额（元）', value: (l) => money(l.amount), class: 'num' },
      { label: '说明', value: (l) => h('span', { class: 'small' }, l.explanation || '') },
    ], v.lines, { className: 'compact', rowClass: (l) => 'line-' + l.kind })));
}
