// 病例详情: the case as a 结算清单, its findings with explanation, evidence and money, the grouper's trace, and the
// patient's other stays (for split admissions).
import { h, link, table, localTime, money } from '../dom.js';
import { api } from '../api.js';
import { caseSheet, groupingBlock, findingCard } from '../components.js';
import * as L from '../labels.js';

export async function render({ params }) {
  const id = params[0];
  const c = await api('/api/cases/' + encodeURIComponent(id));
  const [grouping, findings, stays] = await Promise.all([
    api('/api/cases/' + encodeURIComponent(id) + '/grouping').catch(() => null),
    api('/api/findings?size=100&case=' + encodeURIComponent(id)),
    api('/api/cases?patient=' + encodeURIComponent(c.patientId)),
  ]);
  const others = stays.filter((s) => s.caseId !== c.caseId);
  return h('div', {},
    h('h1', {}, '病例 ' + c.caseId),
    caseSheet(c),
    h('section', { class: 'panel', id: 'case-findings' }, h('h2', {}, '本病例的疑点（' + findings.total + '）'),
      findings.items.length ? findings.items.map((f) => findingCard(f)) : h('div', { class: 'empty' }, '本病例没有疑点。')),
    grouping ? groupingBlock(grouping) : null,
    h('section', { class: 'panel', id: 'other-stays' }, h('h2', {}, '该患者的其他住院'),
      table([
        { label: '病例', value: (s) => link('#/cases/' + encodeURIComponent(s.caseId), s.caseId) },
        { label: '医院', value: (s) => s.hospitalCode },
        { label: '入院', value: (s) => localTime(s.admissionTime) },
        { label: '出院', value: (s) => localTime(s.dischargeTime) },
        { label: '天数', value: (s) => s.losDays ?? '—', class: 'num' },
        { label: '离院方式', value: (s) => L.label(L.DISCHARGE, s.dischargeMethod) },
        { label: '主要诊断', value: (s) => (s.principalDiagnosis ? s.principalDiagnosis.code + ' ' + (s.principalDiagnosis.name || '') : '—') },
        { label: '病组', value: (s) => (s.grouping ? s.grouping.code + ' ' + (s.grouping.name || '') : '—') },
        { label: '总费用（元）', value: (s) => money(s.totalCost), class: 'num' },
      ], others, { empty: '没有该患者的其他住院记录。' })));
}
