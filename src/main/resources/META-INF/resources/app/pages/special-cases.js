// 特例单议 (docs/special-cases.md), one page per role:
// - a hospital: its quota and declaration window of a period, its SC-01 candidates, the declaration form (category,
//   reason, evidence) and its declarations;
// - an expert: the declarations assigned to them, blind to the hospital, with their deadlines;
// - staff: every declaration with filters and deadlines, statistics per hospital and category, the Excel list for the
//   expert meeting, the 补报 windows (inspectors grant them) and the expert pool.
import { h, replace, money, num, pct, table, link, dateTime, date, tag, field, select, saveBlob, kv } from '../dom.js';
import { api, errorBox, download } from '../api.js';
import { hospitals, months, hospitalName } from '../components.js';
import * as L from '../labels.js';

const ATTACHMENT_TYPES = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

export function statusTag(status, label) {
  return tag(label || L.label(L.SPECIAL_STATUS, status), L.SPECIAL_STATUS_COLOR[status]);
}

/** A deadline with its overdue mark. */
export function deadline(at, overdue) {
  if (!at) return '—';
  return h('span', {}, dateTime(at), overdue ? h('span', { class: 'overdue' }, ' 已逾期') : null);
}

/** The declaration periods to choose from: the settlement months with cases, or their quarters where the region declares quarterly. */
async function periods() {
  const [list, params] = await Promise.all([months(), api('/api/knowledge/parameters').catch(() => [])]);
  const kindOf = (year) => ((params.find((p) => String(p.year) === String(year)) || params[0] || {}).specialCase || {}).declarationPeriod || 'MONTHLY';
  const out = [];
  for (const m of list) {
    const [y, mm] = m.split('-');
    const code = kindOf(y) === 'QUARTERLY' ? y + '-Q' + Math.ceil(Number(mm) / 3) : m;
    if (!out.includes(code)) out.push(code);
  }
  return { periods: out, params };
}

/** Uploads evidence files to a declaration one after another (each streamed, refused with 413 past the limit). */
export async function uploadEvidence(id, files) {
  for (const file of files) {
    const type = file.type || (file.name.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream');
    await api('/api/special-cases/' + id + '/attachments?fileName=' + encodeURIComponent(file.name),
      { method: 'POST', body: new Blob([file], { type }), headers: { 'Content-Type': type } });
  }
}

function quotaPanel(q) {
  return h('section', { class: 'panel', id: 'quota' }, h('h2', {}, '申报名额与申报期（' + q.period + '）'),
    h('div', { class: 'cards quota-cards' },
      card('出院（结算）病例', num(q.discharges) + ' 例'),
      card('申报上限', num(q.cap) + ' 例', '病例数 × ' + pct(q.quotaShare, 1) + '，向下取整'),
      card('已申报', num(q.used) + ' 例', '撤回的不计'),
      card('剩余名额', h('span', { id: 'quota-remaining' }, num(q.remaining) + ' 例')),
      card('申报期', date(q.windowOpensOn) + ' 至 ' + date(q.windowClosesOn), q.extendedUntil ? '准予补报至 ' + date(q.extendedUntil) : null),
      card('申报状态', q.windowOpen ? tag('可以申报', 'green') : tag('已截止', 'red'))),
    q.windowOpen ? null : h('p', { class: 'muted' }, '本期申报期已截止。确需补报的，请联系医保经办机构准予补报后再申报。'));
}

function card(label, value, note) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
    note ? h('div', { class: 'muted small' }, note) : null);
}

function declarationsTable(rows, { staff }) {
  return table([
    { label: '申报', value: (d) => link('#/special-cases/' + d.id, '#' + d.id) },
    { label: '病例', value: (d) => link('#/cases/' + encodeURIComponent(d.caseId), d.caseId) },
    staff ? { label: '医院', value: (d) => d.hospitalCode + ' ' + (d.hospitalName || '') } : null,
    { label: '期间', value: (d) => d.period },
    { label: '类别', value: (d) => d.categoryLabel || L.label(L.SPECIAL_CATEGORIES, d.category) },
    { label: '病组', value: (d) => d.groupCode || '—' },
    { label: '总费用（元）', value: (d) => money(d.totalCost), class: 'num' },
    { label: '状态', value: (d) => statusTag(d.status, d.statusLabel) },
    { label: '申报', value: (d) => d.declaredBy + ' · ' + dateTime(d.declaredAt) },
    staff ? { label: '专家意见期限', value: (d) => deadline(d.reviewDeadline, d.reviewOverdue) } : null,
    staff ? { label: '认定期限', value: (d) => deadline(d.decisionDeadline, d.decisionOverdue) } : null,
    { label: '同意 / 不同意', value: (d) => (d.approvals !== undefined && d.approvals !== null ? d.approvals + ' / ' + d.rejections : '—'), class: 'num' },
    { label: '追加支付', value: (d) => (d.payment ? money(d.payment.extraAmount) + ' 元' + (d.payment.extraPoints !== undefined ? '（' + num(d.payment.extraPoints, 4) + ' 点）' : '') : '—'), class: 'num' },
  ].filter(Boolean), rows, { empty: '没有符合条件的申报。', className: 'compact' });
}

// ---------------------------------------------------------------------------------------------
// hospital
// ---------------------------------------------------------------------------------------------

async function hospitalPage({ query, session, navigate }) {
  const { periods: list } = await periods();
  const period = query.get('period') || list[list.length - 1] || '';
  if (!period) return h('div', {}, h('h1', {}, '特例单议申报'), h('div', { class: 'empty' }, '本院还没有结算病例。'));
  const [quota, candidates, mine] = await Promise.all([
    api('/api/special-cases/quota?period=' + period), api('/api/special-cases/candidates?period=' + period),
    api('/api/special-cases?period=' + period)]);
  const status = h('div', { 'aria-live': 'polite', id: 'declare-status' });
  const caseId = h('input', { name: 'caseId', id: 'declare-case', required: true, size: 22, autocomplete: 'off' });
  const category = select('category', [['', '请选择申报类别'], ...Object.entries(L.SPECIAL_CATEGORIES)], '', { id: 'declare-category', required: true });
  const reason = h('textarea', { name: 'reason', id: 'declare-reason', maxlength: 4000, required: true, rows: 4 });
  const files = h('input', { type: 'file', id: 'declare-files', name: 'files', multiple: true, accept: ATTACHMENT_TYPES });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'declare-submit', disabled: !quota.windowOpen }, '提交申报');
  const form = h('form', { id: 'declare-form', onSubmit: async (e) => {
    e.preventDefault();
    if (!caseId.value.trim() || !category.value || !reason.value.trim()) {
      replace(status, h('div', { class: 'alert error', role: 'alert' }, '请填写病例编号、申报类别和申报理由。'));
      return;
    }
    submit.disabled = true;
    let declared;
    try {
      declared = await api('/api/special-cases', { method: 'POST', body: { caseId: caseId.value.trim(), category: category.value, reason: reason.value.trim() } });
    } catch (err) {
      replace(status, errorBox(err));
      submit.disabled = false;
      return;
    }
    try {
      await uploadEvidence(declared.id, files.files);
      sessionStorage.setItem('drgaudit.flash', '已申报 #' + declared.id + (files.files.length ? '，附件 ' + files.files.length + ' 个已上传' : '') + '。');
    } catch (err) {
      sessionStorage.setItem('drgaudit.flash-error', '已申报 #' + declared.id + '，但附件未上传完成：' + err.message + ' 请在本页重新上传。');
    }
    navigate('/special-cases/' + declared.id);
  } },
  h('div', { class: 'row' }, field('病例编号', caseId), field('申报类别', category)),
  field('申报理由（不超过 4,000 字；病历等材料请作为附件）', reason, { hint: '请勿在理由和附件中写明本院名称：专家评审时看不到申报医院。' }),
  field('证明材料（PDF、JPG、PNG，每个不超过 10 MB；指派专家后不能再补充）', files),
  status, submit);
  const choose = (c) => () => {
    caseId.value = c.caseId;
    category.value = c.suggestedCategory;
    reason.focus();
    form.scrollIntoView({ block: 'nearest' });
  };
  return h('div', {},
    h('h1', {}, '特例单议申报'),
    h('p', { class: 'muted' }, '费用极高、未入组、使用新药品新耗材新技术等病组付费不适合的病例，可在申报期内按名额申报特例单议，经专家评审认定后按规定追加支付。特例单议不是违规。'),
    periodForm(list, period, (p) => navigate('/special-cases', { period: p })),
    quotaPanel(quota),
    h('section', { class: 'panel', id: 'candidates' }, h('h2', {}, '候选病例（规则 SC-01 标记，' + candidates.length + ' 例）'), table([
      { label: '病例', value: (c) => link('#/cases/' + encodeURIComponent(c.caseId), c.caseId) },
      { label: '月份', value: (c) => c.month },
      { label: '建议类别', value: (c) => c.suggestedCategoryLabel },
      { label: '病组', value: (c) => c.groupCode || '—' },
      { label: '总费用（元）', value: (c) => money(c.totalCost), class: 'num' },
      { label: '费用倍率', value: (c) => (c.costRatio !== undefined && c.costRatio !== null ? num(c.costRatio, 2) + ' 倍' : '—'), class: 'num' },
      { label: '说明', value: (c) => h('span', { class: 'small' }, c.explanation) },
      { label: '申报', value: (c) => (c.declarationId ? link('#/special-cases/' + c.declarationId, '#' + c.declarationId + ' ' + L.label(L.SPECIAL_STATUS, c.declarationStatus))
        : h('button', { type: 'button', class: 'choose-candidate', 'data-case': c.caseId, disabled: !quota.windowOpen, onClick: choose(c) }, '申报此病例')) },
    ], candidates, { empty: '本期没有候选病例。其他病例如符合条件，也可直接填写病例编号申报。', className: 'compact' })),
    h('section', { class: 'panel', id: 'declare' }, h('h2', {}, '申报'), form),
    h('section', { class: 'panel', id: 'declarations' }, h('h2', {}, '本院申报（' + period + '）'), declarationsTable(mine, { staff: false })));
}

function periodForm(list, period, go) {
  const which = select('period', list.map((p) => [p, p]), period, { id: 'period' });
  return h('form', { class: 'filters panel', onSubmit: (e) => { e.preventDefault(); go(which.value); } },
    field('申报期间（结算月份）', which), h('button', { type: 'submit' }, '查看'));
}

// ---------------------------------------------------------------------------------------------
// expert
// ---------------------------------------------------------------------------------------------

async function expertPage({ query }) {
  const list = await api('/api/special-cases');
  const open = list.filter((d) => d.status === 'ASSIGNED' && !d.myOpinion);
  const status = h('div', { 'aria-live': 'polite' });
  const periodsOfMine = [...new Set(list.map((d) => d.period))].sort();
  const which = select('period', periodsOfMine.map((p) => [p, p]), query.get('period') || periodsOfMine[periodsOfMine.length - 1] || '', { id: 'export-period' });
  const exportButton = h('button', { type: 'button', id: 'export-meeting', disabled: !periodsOfMine.length, onClick: () => meetingList(which.value, status) }, '下载评审表（Excel）');
  return h('div', {},
    h('h1', {}, '特例单议专家评审'),
    h('div', { class: 'alert info' }, '以下是随机指派给您的申报。为保证评审公正，已隐去申报医院、病例编号、患者和其他评审专家；请仅依据病例资料和申报材料，在期限前提出同意或不同意的意见并说明理由。意见提交后不能修改。'),
    h('section', { class: 'panel', id: 'assigned' }, h('h2', {}, '指派给我的申报（待评审 ' + open.length + ' 件，共 ' + list.length + ' 件）'), table([
      { label: '申报', value: (d) => link('#/special-cases/' + d.id, '#' + d.id) },
      { label: '期间', value: (d) => d.period },
      { label: '类别', value: (d) => d.categoryLabel },
      { label: '病组', value: (d) => (d.kase ? (d.kase.groupCode || '—') + ' ' + (d.kase.groupName || '') : '—') },
      { label: '总费用（元）', value: (d) => money(d.kase && d.kase.totalCost), class: 'num' },
      { label: '费用倍率', value: (d) => (d.kase && d.kase.costRatio !== undefined ? num(d.kase.costRatio, 2) + ' 倍' : '—'), class: 'num' },
      { label: '状态', value: (d) => statusTag(d.status, d.statusLabel) },
      { label: '意见期限', value: (d) => deadline(d.deadline, d.overdue) },
      { label: '我的意见', value: (d) => (d.myOpinion ? tag(d.myOpinionLabel || L.label(L.OPINIONS, d.myOpinion), d.myOpinion === 'APPROVE' ? 'green' : 'red')
        : d.status === 'ASSIGNED' ? link('#/special-cases/' + d.id, '提出意见') : '—') },
    ], list, { empty: '目前没有指派给您的申报。' })),
    h('section', { class: 'panel' }, h('h2', {}, '专家评审会评审表'), h('form', { class: 'filters', onSubmit: (e) => e.preventDefault() },
      field('期间', which), exportButton), status));
}

async function meetingList(period, status) {
  try {
    const f = await download('/api/special-cases/export?period=' + encodeURIComponent(period),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    saveBlob(f.blob, f.name || 'special-cases-' + period + '.xlsx');
    replace(status, h('div', { class: 'alert ok' }, '已下载 ' + (f.name || '评审表') + '（不含医院、病例编号与患者信息）。'));
  } catch (err) { replace(status, errorBox(err)); }
}

// ---------------------------------------------------------------------------------------------
// staff
// ---------------------------------------------------------------------------------------------

async function staffPage({ query, session, navigate, refresh }) {
  const [{ periods: list, params }, hospitalList] = await Promise.all([periods(), hospitals()]);
  const period = query.get('period') ?? (list[list.length - 1] || '');
  const hospital = query.get('hospital') || '';
  const status = query.get('status') || '';
  const category = query.get('category') || '';
  const year = period ? period.slice(0, 4) : (list[list.length - 1] || String(new Date().getFullYear())).slice(0, 4);
  const qs = new URLSearchParams(Object.entries({ period, hospital, status, category }).filter(([, v]) => v));
  const inspector = session.has('admin', 'inspector');
  const [declarations, stats, windows, experts] = await Promise.all([
    api('/api/special-cases' + (qs.toString() ? '?' + qs : '')),
    api('/api/special-cases/statistics?' + (period ? 'period=' + period : 'year=' + year) + (hospital ? '&hospital=' + hospital : '')),
    api('/api/special-cases/windows' + (period ? '?period=' + period : '')),
    inspector ? api('/api/special-cases/experts') : Promise.resolve(null)]);
  const rule = ((params.find((p) => String(p.year) === year) || params[0] || {}).specialCase || {});
  const feedback = h('div', { 'aria-live': 'polite', id: 'special-status' });

  const filters = {
    period: select('period', [['', '全部期间'], ...list.map((p) => [p, p])], period, { id: 'filter-period' }),
    hospital: select('hospital', [['', '全部医院'], ...hospitalList.map((x) => [x.code, x.code + ' ' + x.name])], hospital, { id: 'filter-hospital' }),
    status: select('status', [['', '全部状态'], ...Object.entries(L.SPECIAL_STATUS)], status, { id: 'filter-status' }),
    category: select('category', [['', '全部类别'], ...Object.entries(L.SPECIAL_CATEGORIES)], category, { id: 'filter-category' }),
  };
  const filterForm = h('form', { class: 'filters panel', id: 'special-filters', onSubmit: (e) => {
    e.preventDefault();
    navigate('/special-cases', { period: filters.period.value || 'ALL', hospital: filters.hospital.value, status: filters.status.value, category: filters.category.value });
  } }, field('期间', filters.period), field('医院', filters.hospital), field('状态', filters.status), field('类别', filters.category),
  h('button', { type: 'submit', class: 'primary' }, '查询'));

  const canExport = session.has('admin', 'inspector', 'reviewer') && period;
  return h('div', {},
    h('div', { class: 'row' }, h('h1', {}, '特例单议'), h('span', { class: 'spacer' }),
      canExport ? h('button', { type: 'button', id: 'export-meeting', onClick: () => meetingList(period, feedback) }, '下载 ' + period + ' 专家评审表（Excel）') : null),
    h('p', { class: 'muted' }, '医院在申报期内按名额申报；稽核人员随机指派其他医院的专家（每件 ' + (rule.expertsPerCase ?? '—') + ' 名，专家看不到申报医院），专家意见到齐后按“'
      + (L.DECISION_RULES[rule.decisionRule] || rule.decisionRule || '—') + '”认定；认定的病例在年终清算中追加支付。'),
    feedback,
    filterForm,
    h('section', { class: 'panel', id: 'declarations' }, h('h2', {}, '申报（' + declarations.length + ' 件）'), declarationsTable(declarations, { staff: true })),
    statisticsPanel(stats, hospitalList),
    windowsPanel(windows, { inspector, period, list, hospitalList, refresh }),
    experts ? h('section', { class: 'panel', id: 'experts' }, h('h2', {}, '专家库（' + experts.length + ' 名）'), table([
      { label: '账户', value: (x) => x.username }, { label: '姓名', value: (x) => x.displayName || '—' },
      { label: '专业', value: (x) => x.specialty || '—' }, { label: '所在医院', value: (x) => x.hospitalCode + ' ' + hospitalName(hospitalList, x.hospitalCode) },
    ], experts, { empty: '专家库为空：没有具有专家角色的账户。', className: 'compact' }),
    h('p', { class: 'muted small' }, '指派时按 SHA-256(种子:申报编号:账户) 排序抽取，从不指派申报医院本院的专家；种子与各专家的排序值均记录在申报中，任何人可复核。')) : null);
}

function countsColumns() {
  return [
    { label: '申报', value: (r) => num(r.counts.declared), class: 'num' },
    { label: '待认定', value: (r) => num(r.counts.pending), class: 'num' },
    { label: '认定', value: (r) => num(r.counts.approved), class: 'num' },
    { label: '不予认定', value: (r) => num(r.counts.rejected), class: 'num' },
    { label: '撤回', value: (r) => num(r.counts.withdrawn), class: 'num' },
    { label: '追加点数', value: (r) => num(r.counts.extraPoints, 4), class: 'num' },
    { label: '追加支付（元）', value: (r) => money(r.counts.extraAmount), class: 'num' },
  ];
}

function statisticsPanel(s, hospitalList) {
  return h('section', { class: 'panel', id: 'statistics' }, h('h2', {}, '统计（' + (s.period ? '期间 ' + s.period : s.year + ' 年') + '）'),
    h('p', {}, '合计：申报 ' + s.total.declared + ' 件，待认定 ' + s.total.pending + '，认定 ' + s.total.approved + '，不予认定 ' + s.total.rejected
      + '，撤回 ' + s.total.withdrawn + '；追加支付 ' + money(s.total.extraAmount) + ' 元。'),
    h('div', { class: 'grid2' },
      h('div', {}, h('h3', {}, '按医院'), table([
        { label: '医院', value: (r) => r.hospitalCode + ' ' + hospitalName(hospitalList, r.hospitalCode) },
        ...countsColumns(),
        { label: '名额（已用 / 上限）', value: (r) => (r.quota ? r.quota.used + ' / ' + r.quota.cap : '—'), class: 'num' },
      ], s.byHospital, { empty: '没有申报。', className: 'compact' })),
      h('div', {}, h('h3', {}, '按类别'), table([
        { label: '类别', value: (r) => r.label },
        ...countsColumns(),
      ], s.byCategory, { empty: '没有申报。', className: 'compact' }))),
    s.rows && s.rows.length ? h('details', {}, h('summary', {}, '按医院和类别'), table([
      { label: '医院', value: (r) => r.hospitalCode }, { label: '类别', value: (r) => r.label }, ...countsColumns(),
    ], s.rows, { className: 'compact' })) : null);
}

function windowsPanel(windows, { inspector, period, list, hospitalList, refresh }) {
  let form = null;
  if (inspector) {
    const status = h('div', { 'aria-live': 'polite', id: 'window-status' });
    const which = select('period', list.map((p) => [p, p]), period || list[list.length - 1], { id: 'window-period' });
    const hospital = select('hospitalCode', [['', '本地区全部医院'], ...hospitalList.map((x) => [x.code, x.code + ' ' + x.name])], '', { id: 'window-hospital' });
    const until = h('input', { type: 'date', name: 'until', id: 'window-until', required: true });
    const reason = h('input', { name: 'reason', id: 'window-reason', required: true, size: 40 });
    form = h('form', { class: 'filters', id: 'window-form', onSubmit: async (e) => {
      e.preventDefault();
      try {
        await api('/api/special-cases/windows', { method: 'POST', body: { period: which.value, hospitalCode: hospital.value || null, until: until.value, reason: reason.value.trim() } });
        sessionStorage.setItem('drgaudit.flash', '已准予补报：' + which.value + (hospital.value ? ' ' + hospital.value : ' 全部医院') + '，至 ' + until.value + '。');
        refresh();
      } catch (err) { replace(status, errorBox(err)); }
    } }, field('期间', which), field('医院', hospital), field('补报截止日期', until), field('理由', reason),
    h('button', { type: 'submit', class: 'primary', id: 'window-submit' }, '准予补报'), status);
  }
  return h('section', { class: 'panel', id: 'windows' }, h('h2', {}, '补报（延长申报期）'),
    h('p', { class: 'muted small' }, '申报期为期间首日至期间结束后规定天数；逾期补报须经办机构准予，准予记录不能更改。'),
    table([
      { label: '期间', value: (w) => w.period },
      { label: '医院', value: (w) => w.hospitalCode ? w.hospitalCode + ' ' + hospitalName(hospitalList, w.hospitalCode) : '本地区全部医院' },
      { label: '补报截止', value: (w) => w.openUntil },
      { label: '理由', value: (w) => w.reason },
      { label: '准予', value: (w) => w.grantedBy + ' · ' + dateTime(w.grantedAt) },
    ], windows, { empty: '没有准予补报的记录。', className: 'compact' }),
    form ? h('h3', {}, '准予补报') : null, form);
}

export async function render(ctx) {
  const { session } = ctx;
  const flash = sessionStorage.getItem('drgaudit.flash');
  sessionStorage.removeItem('drgaudit.flash');
  if (ctx.query.get('period') === 'ALL') ctx.query.set('period', '');
  const page = session.isHospital() ? await hospitalPage(ctx) : session.isStaff() ? await staffPage(ctx) : await expertPage(ctx);
  if (flash) page.insertBefore(h('div', { class: 'alert ok', role: 'status' }, flash), page.children[1] || null);
  return page;
}
