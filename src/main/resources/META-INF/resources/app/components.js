// Building blocks shared by pages: a finding with its money and evidence, a case laid out like a 结算清单, the
// grouper's trace, hospital and month choices.
import { h, money, num, localTime, kv, table, tag, link, dateTime } from './dom.js';
import { api } from './api.js';
import * as L from './labels.js';

/** The money of a finding: overpayment, patient refund, unpriced with its reason, or none (special cases). */
export function findingMoney(f) {
  if (f.money === 'NONE' || f.family === 'special-case') return h('div', { class: 'money' }, tag('不计金额（特例单议候选，不是违规）', 'blue'));
  const parts = [];
  if (f.money === 'UNPRICED') parts.push(h('span', {}, tag('未计价', 'amber'), ' ', f.unpricedReason || ''));
  if (f.overpayment !== undefined && f.overpayment !== null) parts.push(h('span', {}, '多支付（基金）：', h('b', { class: 'overpayment' }, money(f.overpayment)), ' 元'));
  if (f.patientRefund !== undefined && f.patientRefund !== null) parts.push(h('span', {}, '应退患者：', h('b', { class: 'refund' }, money(f.patientRefund)), ' 元'));
  if (!parts.length) parts.push(h('span', { class: 'muted' }, '无金额'));
  return h('div', { class: 'money' }, parts);
}

/** A compact money cell for tables. */
export function moneyCell(f) {
  if (f.money === 'NONE' || f.family === 'special-case') return h('span', { class: 'muted' }, '不计金额');
  if (f.money === 'UNPRICED') return tag('未计价', 'amber');
  const out = [h('div', { class: 'num' }, money(f.overpayment))];
  if (f.patientRefund) out.push(h('div', { class: 'num small muted' }, '退患者 ' + money(f.patientRefund)));
  return out;
}

export function statusTag(status) {
  const color = { CONFIRMED: 'red', DISMISSED: 'green', IN_REVIEW: 'blue', SAMPLED: 'blue' }[status];
  return tag(L.label(L.REVIEW_STATUS, status), color);
}

function evidenceValue(v) {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('；') : '无';
  if (typeof v === 'object') {
    return h('table', { class: 'compact' }, h('tbody', {}, Object.entries(v).map(([k, x]) =>
      h('tr', {}, h('th', {}, L.EVIDENCE[k] || k), h('td', {}, evidenceValue(x))))));
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

export function evidenceTable(evidence) {
  const entries = Object.entries(evidence || {});
  if (!entries.length) return h('p', { class: 'muted' }, '无证据项');
  return kv(entries.map(([k, v]) => [L.EVIDENCE[k] ? L.EVIDENCE[k] + '（' + k + '）' : k, evidenceValue(v)]));
}

/** The latest decision at 违规处理 on a finding. */
export function decisionBlock(d) {
  if (!d) return null;
  return h('div', { class: 'alert ' + (d.outcome === 'CONFIRMED' ? 'error' : 'ok') },
    h('strong', {}, '违规处理：', L.label(L.OUTCOMES, d.outcome)),
    d.outcome === 'CONFIRMED' ? h('div', {},
      '认定多支付 ', money(d.overpayment), ' 元',
      d.patientRefund ? '，应退患者 ' + money(d.patientRefund) + ' 元' : '',
      d.correctGroup ? '，正确病组 ' + d.correctGroup : '',
      '；情节 ', d.severityName || d.severity || '—', '，违约金 ', money(d.penalty), ' 元',
      d.penaltyMultiple !== undefined && d.penaltyMultiple !== null ? '（' + num(d.penaltyMultiple) + ' 倍）' : '') : null,
    d.reason ? h('div', {}, '理由：', d.reason) : null,
    h('div', { class: 'muted small' }, (d.decidedBy || '') + ' · ' + dateTime(d.decidedAt)));
}

/** A finding as a card: rule, type, explanation, money, evidence, decision. */
export function findingCard(f, { withLink = true, open = false } = {}) {
  return h('article', { class: 'finding' + (f.resultType === 'VIOLATION' ? ' violation' : ''), 'data-finding': f.id },
    h('div', { class: 'head' },
      withLink ? link('#/findings/' + f.id, '疑点 #' + f.id) : h('strong', {}, '疑点 #' + f.id),
      h('strong', {}, f.ruleId + ' ' + (f.ruleName || '')),
      tag(L.label(L.FAMILIES, f.family)),
      tag(L.label(L.RESULT_TYPES, f.resultType), f.resultType === 'VIOLATION' ? 'red' : 'amber'),
      statusTag(f.reviewStatus),
      f.shadow ? tag('影子模式', 'blue') : null,
      h('span', { class: 'muted small' }, f.month + ' · ' + f.hospitalCode)),
    h('p', { class: 'explanation' }, f.explanation),
    findingMoney(f),
    f.correctGroup ? h('div', {}, '正确病组：', h('b', {}, f.correctGroup)) : null,
    h('details', { open }, h('summary', {}, '证据'), evidenceTable(f.evidence),
      h('p', { class: 'muted small' }, '规则库版本 ' + f.ruleBaseVersion + ' · 知识库 ' + f.knowledgeBaseVersion + ' · 筛查 #' + f.sweepId)),
    decisionBlock(f.decision));
}

/** A settled case laid out like a 结算清单: patient and stay, diagnoses, procedures, costs, shares, the paid group. */
export function caseSheet(c) {
  const costs = Object.entries(c.costs || {});
  return h('div', { class: 'sheet' },
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', {}, '基本信息'), kv([
        ['结算流水号', h('span', { class: 'mono' }, c.caseId)],
        ['定点医疗机构', c.hospitalCode],
        ['患者编号', c.patientId],
        ['险种', L.label(L.INSURANCE, c.insuranceType)],
        ['性别', L.label(L.SEX, c.sex)],
        ['年龄', c.ageYears !== undefined ? c.ageYears + ' 岁' + (c.ageDays ? '（' + c.ageDays + ' 天）' : '') : c.ageDays !== undefined ? c.ageDays + ' 天' : '—'],
        ['新生儿出生体重', c.birthWeightGrams ? c.birthWeightGrams + ' 克' : undefined],
      ])),
      h('section', { class: 'panel' }, h('h2', {}, '住院情况'), kv([
        ['入院时间', localTime(c.admissionTime)],
        ['出院时间', localTime(c.dischargeTime)],
        ['实际住院天数', c.losDays !== undefined ? c.losDays + ' 天' : '—'],
        ['入院途径', L.label(L.ROUTES, c.admissionRoute)],
        ['离院方式', L.label(L.DISCHARGE, c.dischargeMethod)],
        ['出院科别', c.department || '—'],
        ['31 天内再住院计划', c.plannedReadmission ? '有' : '无'],
        ['呼吸机使用', c.ventilatorHours ? c.ventilatorHours + ' 小时' : undefined],
        ['重症监护', c.icuHours ? c.icuHours + ' 小时' : undefined],
        ['结算日期', c.settlementDate],
      ]))),
    h('section', { class: 'panel' }, h('h2', {}, '诊断'), table([
      { label: '类别', value: (d) => d.kind },
      { label: '编码', value: (d) => h('span', { class: 'mono' }, d.code) },
      { label: '名称', value: (d) => d.name || '—' },
      { label: '入院病情', value: (d) => L.label(L.ADMISSION_CONDITION, d.admissionCondition) },
    ], [{ kind: '主要诊断', ...(c.principalDiagnosis || {}) }, ...(c.secondaryDiagnoses || []).map((d) => ({ kind: '其他诊断', ...d }))],
    { className: 'compact' })),
    h('section', { class: 'panel' }, h('h2', {}, '手术及操作'), table([
      { label: '编码', value: (p) => h('span', { class: 'mono' }, p.code) },
      { label: '名称', value: (p) => p.name || '—' },
      { label: '日期', value: (p) => p.date || '—' },
      { label: '主手术', value: (p) => (p.principal ? '是' : '') },
      { label: '麻醉', value: (p) => (p.anaesthesia ? '是' : '') },
      { label: '术者', value: (p) => p.operatorCode || '' },
    ], c.procedures || [], { empty: '无手术及操作', className: 'compact' })),
    c.icuStays && c.icuStays.length ? h('section', { class: 'panel' }, h('h2', {}, '重症监护记录'), table([
      { label: '病房类型', value: (s) => s.wardType },
      { label: '进入', value: (s) => localTime(s.inTime) },
      { label: '退出', value: (s) => localTime(s.outTime) },
      { label: '小时', value: (s) => s.hours ?? '—', class: 'num' },
    ], c.icuStays, { className: 'compact' })) : null,
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', {}, '住院费用'), table([
        { label: '项目', value: ([k]) => L.COSTS[k] || k },
        { label: '金额（元）', value: ([, v]) => money(v), class: 'num' },
      ], costs, { empty: '未按类别申报费用', className: 'compact' })),
      h('section', { class: 'panel' }, h('h2', {}, '结算与分组'), kv([
        ['医疗费用总额', h('b', {}, money(c.totalCost) + ' 元')],
        ['基金支付', money(c.fundPayment) + ' 元'],
        ['个人自付', money(c.selfPay) + ' 元'],
        ['个人全自费', money(c.outOfPocket) + ' 元'],
        ['支付方式', c.grouping ? (c.grouping.scheme || '') + ' ' + (c.grouping.version || '') : '—'],
        ['结算病组', c.grouping ? h('b', {}, c.grouping.code + ' ' + (c.grouping.name || '')) : '—'],
        ['病组权重', c.grouping && c.grouping.weight !== undefined ? num(c.grouping.weight, 4) : '—'],
      ]))));
}

/** The grouper's regrouping of a stored case, with every step of its path. */
export function groupingBlock(g) {
  const r = g.regrouped || {};
  const gr = r.grouping || {};
  return h('section', { class: 'panel', id: 'grouping' },
    h('h2', {}, '分组器重新分组'),
    h('div', { class: 'alert ' + (g.agrees ? 'ok' : 'error') }, g.summary || ''),
    kv([
      ['申报病组', (g.claimedGroup || '—') + ' ' + (g.claimedName || '') + (g.claimedWeight !== undefined ? '（权重 ' + num(g.claimedWeight, 4) + '）' : '')],
      ['申报支付', g.claimedPayment !== undefined ? money(g.claimedPayment) + ' 元' : '—'],
      ['重新分组', (gr.drg || '—') + ' ' + (gr.drgName || '') + (r.weight !== undefined ? '（权重 ' + num(r.weight, 4) + '）' : '')],
      ['分组状态', gr.status || '—'],
      ['MDC / ADRG', (gr.mdc || '—') + ' / ' + (gr.adrg || '—')],
      ['按重新分组支付', r.payment !== undefined ? money(r.payment) + ' 元' : '—'],
      ['差额', g.difference !== undefined ? money(g.difference) + ' 元' : '—'],
      ['分组器版本', gr.grouperVersion || '—'],
      gr.reason ? ['说明', gr.reason] : undefined,
    ].filter(Boolean)),
    gr.complications && gr.complications.length ? h('div', {}, h('h3', {}, '并发症与合并症'), table([
      { label: '编码', value: (c) => h('span', { class: 'mono' }, c.code) },
      { label: '级别', value: (c) => c.level },
      { label: '排除表', value: (c) => c.exclusionTable ?? '—' },
      { label: '主诊断所在表', value: (c) => c.principalTable ?? '—' },
      { label: '计入', value: (c) => (c.counted ? tag('计入', 'green') : tag('被排除', 'red')) },
    ], gr.complications, { className: 'compact' })) : null,
    h('h3', {}, '分组路径'),
    h('ol', { class: 'trace' }, (gr.trace || []).map((t) => h('li', {},
      h('b', {}, t.stage + ' ' + (t.code || '')), '：', t.explanation || '',
      t.condition ? h('div', { class: 'mono muted' }, '条件：' + t.condition) : null))));
}

let hospitalsCache = null;
/** The hospital registry (a hospital user gets only its own). */
export async function hospitals() {
  if (!hospitalsCache) hospitalsCache = api('/api/hospitals');
  return hospitalsCache;
}

let monthsCache = null;
/** Settlement months that have cases, ascending. */
export async function months() {
  if (!monthsCache) monthsCache = api('/api/cases/counts').then((rows) => [...new Set(rows.map((r) => r.month))].sort());
  return monthsCache;
}

export function hospitalName(list, code) {
  const x = (list || []).find((hh) => hh.code === code);
  return x ? x.name : code;
}

/** A review item's deadline with its overdue mark. */
export function deadlineCell(item) {
  if (item.step === 'DONE') return h('span', { class: 'muted' }, '—');
  return h('span', {}, dateTime(item.deadline), item.overdue ? h('span', { class: 'overdue' }, ' 逾期 ' + item.overdueDays + ' 天') : null);
}
