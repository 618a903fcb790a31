// 工作台: findings and money by month, family, rule and hospital with trend charts; open and overdue review items;
// sweeps and their status (staff), with starting a sweep for inspectors.
import { h, replace, money, num, table, link, field, select, dateTime, tag } from '../dom.js';
import { api, errorBox } from '../api.js';
import { hospitals, months, hospitalName } from '../components.js';
import * as L from '../labels.js';

const ECHARTS = '/_static/echarts/5.6.0/dist/echarts.esm.min.js';

function findingsLink(query, text) {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString();
  return link('#/findings' + (qs ? '?' + qs : ''), text);
}

function moneyColumns() {
  return [
    { label: '疑点数', value: (r) => num(r.findings), class: 'num' },
    { label: '多支付（元）', value: (r) => money(r.overpayment), class: 'num' },
    { label: '应退患者（元）', value: (r) => money(r.patientRefund), class: 'num' },
    { label: '未计价', value: (r) => num(r.unpriced), class: 'num' },
    { label: '已认定', value: (r) => num(r.confirmed), class: 'num' },
    { label: '不予认定', value: (r) => num(r.dismissed), class: 'num' },
    { label: '认定多支付（元）', value: (r) => money(r.confirmedOverpayment), class: 'num' },
    { label: '违约金（元）', value: (r) => money(r.penalty), class: 'num' },
  ];
}

async function charts(byMonth, byFamily, byHospital, hospitalList) {
  const echarts = await import(ECHARTS);
  const draw = (id, option) => {
    const el = document.getElementById(id);
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({ textStyle: { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' }, animation: false, ...option });
    new ResizeObserver(() => chart.resize()).observe(el);
  };
  draw('chart-trend', {
    tooltip: { trigger: 'axis' },
    legend: { data: ['多支付', '认定多支付', '违约金', '疑点数'] },
    grid: { left: 70, right: 50, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: byMonth.map((r) => r.key) },
    yAxis: [{ type: 'value', name: '元' }, { type: 'value', name: '疑点数' }],
    series: [
      { name: '多支付', type: 'bar', data: byMonth.map((r) => Number(r.overpayment)) },
      { name: '认定多支付', type: 'bar', data: byMonth.map((r) => Number(r.confirmedOverpayment)) },
      { name: '违约金', type: 'bar', data: byMonth.map((r) => Number(r.penalty)) },
      { name: '疑点数', type: 'line', yAxisIndex: 1, data: byMonth.map((r) => r.findings) },
    ],
  });
  draw('chart-family', {
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['35%', '65%'], label: { formatter: '{b}\n{d}%' },
      data: byFamily.filter((r) => Number(r.overpayment) > 0).map((r) => ({ name: L.label(L.FAMILIES, r.key), value: Number(r.overpayment) })) }],
  });
  draw('chart-hospital', {
    tooltip: { trigger: 'axis' },
    grid: { left: 160, right: 30, top: 10, bottom: 24 },
    xAxis: { type: 'value', name: '元' },
    yAxis: { type: 'category', data: byHospital.map((r) => hospitalName(hospitalList, r.key)), inverse: true },
    series: [{ name: '多支付', type: 'bar', data: byHospital.map((r) => Number(r.overpayment)) }],
  });
}

function todoPanel(overview, session) {
  const mine = Object.entries(L.STEP_ROLE).filter(([, role]) => session.has(role, 'admin')).map(([step]) => step);
  return h('section', { class: 'panel', id: 'todo' },
    h('h2', {}, '审核待办与逾期'),
    table([
      { label: '环节', value: (s) => link('#/reviews?step=' + s.step, s.stepLabel) },
      { label: '我的环节', value: (s) => (mine.includes(s.step) ? tag('需我处理', 'blue') : '') },
      { label: '未办结', value: (s) => num(s.open), class: 'num' },
      { label: '逾期', value: (s) => (s.overdue ? link('#/reviews?step=' + s.step + '&overdue=true', h('span', { class: 'overdue' }, num(s.overdue))) : '0'), class: 'num' },
      { label: '最早期限', value: (s) => (s.oldestDeadline ? dateTime(s.oldestDeadline) : '—') },
      { label: '最长逾期', value: (s) => (s.maxOverdueDays ? h('span', { class: 'overdue' }, s.maxOverdueDays + ' 天') : '—') },
    ], overview.steps),
    h('p', { class: 'muted small' }, '共 ' + overview.open + ' 项未办结，其中 ' + overview.overdue + ' 项逾期（截至 ' + dateTime(overview.asOf) + '）。'));
}

function sweepsPanel(sweeps, session, monthList, refresh) {
  const canStart = session.has('admin', 'inspector');
  const status = h('div', { 'aria-live': 'polite' });
  const monthInput = h('input', { type: 'month', name: 'month', required: true, value: monthList[monthList.length - 1] || '' });
  const form = canStart ? h('form', { class: 'filters', id: 'sweep-form', onSubmit: async (e) => {
    e.preventDefault();
    replace(status);
    try {
      const s = await api('/api/sweeps', { method: 'POST', body: { month: monthInput.value } });
      replace(status, h('div', { class: 'alert ok' }, '已启动 ' + s.month + ' 的筛查（#' + s.id + '），共 ' + s.total + ' 例。'));
      setTimeout(refresh, 1500);
    } catch (err) { replace(status, errorBox(err)); }
  } }, field('结算月份', monthInput), h('button', { type: 'submit', class: 'primary' }, '启动筛查')) : null;
  const latest = sweeps.slice(0, 15);
  return h('section', { class: 'panel', id: 'sweeps' },
    h('h2', {}, '月度筛查'), form, status,
    table([
      { label: '编号', value: (s) => '#' + s.id },
      { label: '月份', value: (s) => s.month },
      { label: '状态', value: (s) => tag(L.label(L.SWEEP_STATUS, s.status), s.status === 'DONE' ? 'green' : s.status === 'RUNNING' ? 'blue' : s.status === 'FAILED' ? 'red' : null) },
      { label: '进度', value: (s) => num(s.processed) + ' / ' + num(s.total), class: 'num' },
      { label: '疑点', value: (s) => num(s.findings), class: 'num' },
      { label: '规则库 / 知识库', value: (s) => 'v' + s.ruleBaseVersion + ' / ' + s.knowledgeBaseVersion },
      { label: '启动', value: (s) => s.startedBy + ' · ' + dateTime(s.startedAt) },
      { label: '说明', value: (s) => s.message || '' },
      { label: '', value: (s) => (canStart && s.status === 'RUNNING' ? h('button', { type: 'button', class: 'danger', onClick: async () => {
        try { await api('/api/sweeps/' + s.id + '/cancel', { method: 'POST' }); refresh(); } catch (err) { replace(status, errorBox(err)); }
      } }, '取消') : '') },
    ], latest, { empty: '还没有筛查' }));
}

export async function render({ query, session, navigate, refresh }) {
  const month = query.get('month') || '';
  const hospital = session.isHospital() ? session.hospitalCode : (query.get('hospital') || '');
  const q = (by, extra = {}) => '/api/findings/breakdown?' + new URLSearchParams(Object.entries({ by, month, hospital, ...extra }).filter(([, v]) => v)).toString();
  const [monthList, hospitalList, byFamily, byRule, byHospital, byMonth, overview, sweeps] = await Promise.all([
    months(), hospitals(), api(q('family')), api(q('rule')), api(q('hospital')), api(q('month', { month: '' })),
    api('/api/reviews/overdue'), session.isStaff() ? api('/api/sweeps') : Promise.resolve(null),
  ]);
  const t = byFamily.total;
  const filters = h('form', { class: 'filters', onSubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    navigate('/', { month: f.get('month'), hospital: f.get('hospital') });
  } },
  field('结算月份', select('month', [['', '全年'], ...monthList.map((m) => [m, m])], month)),
  session.isHospital() ? null : field('医院', select('hospital', [['', '全部医院'], ...hospitalList.map((x) => [x.code, x.code + ' ' + x.name])], hospital)),
  h('button', { type: 'submit', class: 'primary' }, '查看'));
  const scope = (hospital ? hospitalName(hospitalList, hospital) : '全部医院') + ' · ' + (month || '全年');
  const page = h('div', {},
    h('h1', {}, session.isHospital() ? '本院工作台' : '工作台'),
    h('div', { class: 'panel' }, filters),
    h('div', { class: 'cards', id: 'kpis' },
      [['疑点', num(t.findings)], ['多支付（元）', money(t.overpayment)], ['应退患者（元）', money(t.patientRefund)],
        ['未计价疑点', num(t.unpriced)], ['认定多支付（元）', money(t.confirmedOverpayment)], ['违约金（元）', money(t.penalty)]]
        .map(([k, v]) => h('div', { class: 'card' }, h('div', { class: 'label' }, k), h('div', { class: 'value' }, v)))),
    h('p', { class: 'muted small' }, '范围：' + scope + '。多支付与应退患者为规则计价；认定多支付与违约金来自违规处理决定。'),
    todoPanel(overview, session),
    h('section', { class: 'panel' }, h('h2', {}, '月度趋势' + (hospital ? '（' + hospitalName(hospitalList, hospital) + '）' : '')),
      byMonth.rows.length ? h('div', { class: 'chart', id: 'chart-trend', role: 'img', 'aria-label': '按月的多支付、认定金额、违约金与疑点数' }) : h('div', { class: 'empty' }, '暂无疑点')),
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', {}, '按违规类别（多支付）'),
        byFamily.rows.length ? h('div', { class: 'chart', id: 'chart-family', role: 'img', 'aria-label': '各类别多支付占比' }) : h('div', { class: 'empty' }, '暂无疑点')),
      h('section', { class: 'panel' }, h('h2', {}, '按医院（多支付）'),
        byHospital.rows.length ? h('div', { class: 'chart', id: 'chart-hospital', role: 'img', 'aria-label': '各医院多支付' }) : h('div', { class: 'empty' }, '暂无疑点'))),
    h('section', { class: 'panel', id: 'by-family' }, h('h2', {}, '按违规类别'),
      table([{ label: '类别', value: (r) => findingsLink({ family: r.key, month, hospital }, L.label(L.FAMILIES, r.key)) }, ...moneyColumns()], byFamily.rows, { empty: '暂无疑点' })),
    h('section', { class: 'panel', id: 'by-rule' }, h('h2', {}, '按规则'),
      table([{ label: '规则', value: (r) => findingsLink({ rule: r.key, month, hospital }, r.key) }, ...moneyColumns()], byRule.rows, { empty: '暂无疑点' })),
    session.isHospital() ? null : h('section', { class: 'panel', id: 'by-hospital' }, h('h2', {}, '按医院'),
      table([{ label: '医院', value: (r) => findingsLink({ hospital: r.key, month }, r.key + ' ' + hospitalName(hospitalList, r.key)) }, ...moneyColumns()], byHospital.rows, { empty: '暂无疑点' })),
    h('section', { class: 'panel', id: 'by-month' }, h('h2', {}, '按月份'),
      table([{ label: '月份', value: (r) => findingsLink({ month: r.key, hospital }, r.key) }, ...moneyColumns()], byMonth.rows, { empty: '暂无疑点' })),
    sweeps ? sweepsPanel(sweeps, session, monthList, refresh) : null);
  // charts draw once the page is in the document
  setTimeout(() => charts(byMonth.rows, byFamily.rows, byHospital.rows, hospitalList).catch((err) => {
    const el = document.getElementById('chart-trend');
    if (el) replace(el, errorBox(err));
  }), 0);
  return page;
}
