// One special-case declaration (特例单议申报), as each role may see it:
// - the declaring hospital: its reason, evidence (more may be uploaded until experts are assigned), withdrawal, the
//   status and, once decided, the opinions with the experts shown only as 「专家」, and the extra payment;
// - an assigned expert: the blind view (clinical facts, the hospital's reason and evidence, no hospital, case id or
//   patient) and the opinion form (同意 / 不同意 with a reason, given once);
// - staff: everything, with the drawn experts (specialty, hospital, SHA-256 key), the draw (inspector) and the
//   decision by the region's rule (inspector).
import { h, replace, money, num, kv, table, link, dateTime, tag, field, saveBlob } from '../dom.js';
import { api, errorBox, download } from '../api.js';
import { statusTag, deadline, uploadEvidence } from './special-cases.js';
import * as L from '../labels.js';

const ATTACHMENT_TYPES = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

function attachmentsPanel(d, status, { uploader } = {}) {
  const rows = d.attachments || [];
  return h('section', { class: 'panel', id: 'attachments' }, h('h2', {}, '证明材料（' + rows.length + '）'),
    table([
      { label: '文件', value: (a) => a.fileName },
      { label: '类型', value: (a) => a.contentType },
      { label: '大小', value: (a) => num(Math.ceil(a.sizeBytes / 1024)) + ' KB', class: 'num' },
      { label: 'SHA-256', value: (a) => h('span', { class: 'mono' }, a.sha256.slice(0, 16) + '…') },
      a0(rows) ? { label: '上传', value: (a) => (a.uploadedBy ? a.uploadedBy + ' · ' + dateTime(a.uploadedAt) : '—') } : null,
      { label: '', value: (a) => h('span', { class: 'row' },
        h('button', { type: 'button', class: 'open-attachment', onClick: async () => {
          try {
            const f = await download('/api/special-cases/' + d.id + '/attachments/' + a.id);
            const w = window.open(URL.createObjectURL(f.blob), '_blank');
            if (!w) saveBlob(f.blob, f.name || a.fileName);
          } catch (err) { replace(status, errorBox(err)); }
        } }, '打开'),
        h('button', { type: 'button', class: 'download-attachment', onClick: async () => {
          try {
            const f = await download('/api/special-cases/' + d.id + '/attachments/' + a.id);
            saveBlob(f.blob, f.name || a.fileName);
          } catch (err) { replace(status, errorBox(err)); }
        } }, '下载')) },
    ].filter(Boolean), rows, { empty: '没有证明材料。' }),
    uploader || null);
}

function a0(rows) {
  return rows.some((a) => a.uploadedBy);
}

function history(events) {
  if (!events || !events.length) return h('p', { class: 'muted' }, '尚无办理记录。');
  return h('ol', { class: 'timeline' }, events.map((e) => h('li', {},
    h('b', {}, e.stepLabel + ' · ' + e.actionLabel), ' ', h('span', { class: 'muted' }, e.actor + ' · ' + dateTime(e.at)),
    e.reason ? h('div', { class: 'reason' }, e.reason) : null)));
}

function paymentBlock(p) {
  if (!p) return null;
  return h('section', { class: 'panel', id: 'payment' }, h('h2', {}, '追加支付'), kv([
    ['支付方式', (p.methodLabel || p.method) + (p.ratio !== undefined && p.ratio !== null ? '（比例 ' + num(p.ratio * 100, 0) + '%）' : '')],
    ['追加点数', p.extraPoints !== undefined && p.extraPoints !== null ? num(p.extraPoints, 4) + ' 点' : undefined],
    ['追加金额', h('b', {}, money(p.extraAmount) + ' 元')],
    ['计算', p.explanation],
  ]), h('p', { class: 'muted small' }, '年终清算按当年点值在清算单中以“特例单议”行追加支付。'));
}

// ---------------------------------------------------------------------------------------------
// expert (blind)
// ---------------------------------------------------------------------------------------------

function blindCase(c) {
  if (!c) return null;
  return h('section', { class: 'panel', id: 'blind-case' }, h('h2', {}, '病例资料（已隐去医院、病例编号与患者）'),
    h('div', { class: 'grid2' },
      kv([
        ['险种 / 性别 / 年龄', L.label(L.INSURANCE, c.insuranceType) + ' · ' + L.label(L.SEX, c.sex) + ' · '
          + (c.ageYears !== undefined ? c.ageYears + ' 岁' : c.ageDays !== undefined ? c.ageDays + ' 天' : '—')],
        ['住院', (c.admissionDate || '—') + ' 至 ' + (c.dischargeDate || '—') + '（' + (c.losDays ?? '—') + ' 天）'],
        ['入院途径 / 离院方式', L.label(L.ROUTES, c.admissionRoute) + ' / ' + L.label(L.DISCHARGE, c.dischargeMethod)],
        ['出院科别', c.department || '—'],
        ['呼吸机 / 重症监护', (c.ventilatorHours ? c.ventilatorHours + ' 小时' : '—') + ' / ' + (c.icuHours ? c.icuHours + ' 小时' : '—')],
      ]),
      kv([
        ['病组', (c.groupCode || '—') + ' ' + (c.groupName || '')],
        ['权重', c.weight !== undefined ? num(c.weight, 4) : '—'],
        ['病组标准费用', c.standardCost !== undefined ? money(c.standardCost) + ' 元' : '—'],
        ['总费用', h('b', {}, money(c.totalCost) + ' 元')],
        ['费用倍率', c.costRatio !== undefined ? num(c.costRatio, 4) + ' 倍' : '—（未入组）'],
      ])),
    h('h3', {}, '诊断'), table([
      { label: '类别', value: (x) => x.kind }, { label: '编码', value: (x) => h('span', { class: 'mono' }, x.code) },
      { label: '名称', value: (x) => x.name || '—' }, { label: '入院病情', value: (x) => L.label(L.ADMISSION_CONDITION, x.admissionCondition) },
    ], [{ kind: '主要诊断', ...(c.principalDiagnosis || {}) }, ...(c.secondaryDiagnoses || []).map((x) => ({ kind: '其他诊断', ...x }))], { className: 'compact' }),
    h('h3', {}, '手术及操作'), table([
      { label: '编码', value: (p) => h('span', { class: 'mono' }, p.code) }, { label: '名称', value: (p) => p.name || '—' },
      { label: '日期', value: (p) => p.date || '—' }, { label: '主手术', value: (p) => (p.principal ? '是' : '') },
      { label: '麻醉', value: (p) => (p.anaesthesia ? '是' : '') },
    ], c.procedures || [], { empty: '无手术及操作', className: 'compact' }),
    h('h3', {}, '费用'), table([
      { label: '项目', value: ([k]) => L.COSTS[k] || k }, { label: '金额（元）', value: ([, v]) => money(v), class: 'num' },
    ], Object.entries(c.costs || {}), { empty: '未按类别申报费用', className: 'compact' }));
}

function expertView(d, refresh) {
  const status = h('div', { 'aria-live': 'polite', id: 'opinion-status' });
  let form = null;
  if (!d.myOpinion && d.status === 'ASSIGNED') {
    const reason = h('textarea', { name: 'reason', id: 'opinion-reason', rows: 4, maxlength: 4000 });
    const send = (opinion) => async () => {
      if (!reason.value.trim()) {
        replace(status, h('div', { class: 'alert error', role: 'alert' }, '请说明理由（同意或不同意都须说明）。'));
        reason.focus();
        return;
      }
      try {
        await api('/api/special-cases/' + d.id + '/opinions', { method: 'POST', body: { opinion, reason: reason.value.trim() } });
        sessionStorage.setItem('drgaudit.flash', '意见已提交：' + L.OPINIONS[opinion] + '。');
        refresh();
      } catch (err) { replace(status, errorBox(err)); }
    };
    form = h('section', { class: 'panel', id: 'opinion-panel' }, h('h2', {}, '评审意见'),
      h('p', {}, '意见期限：', deadline(d.deadline, d.overdue), '。意见提交后不能修改。'),
      h('form', { id: 'opinion-form', onSubmit: (e) => e.preventDefault() },
        field('理由', reason, { hint: '依据病例资料与申报材料说明是否同意按特例单议支付' }),
        h('div', { class: 'row' },
          h('button', { type: 'button', class: 'primary', id: 'opinion-approve', onClick: send('APPROVE') }, '同意'),
          h('button', { type: 'button', class: 'danger', id: 'opinion-reject', onClick: send('REJECT') }, '不同意'))),
      status);
  }
  return [
    h('section', { class: 'panel' }, kv([
      ['申报类别', d.categoryLabel], ['期间', d.period], ['状态', statusTag(d.status, d.statusLabel)],
      ['意见期限', deadline(d.deadline, d.overdue)],
      ['我的意见', d.myOpinion ? h('span', { id: 'my-opinion' }, tag(d.myOpinionLabel || L.OPINIONS[d.myOpinion], d.myOpinion === 'APPROVE' ? 'green' : 'red'),
        ' ', d.myReason || '', h('span', { class: 'muted small' }, ' · ' + dateTime(d.myOpinionAt))) : '尚未提出'],
      ['申报理由（医院）', h('div', { class: 'reason', id: 'declared-reason' }, d.reason)],
    ])),
    form,
    blindCase(d.kase),
    attachmentsPanel(d, status),
  ];
}

// ---------------------------------------------------------------------------------------------
// hospital and staff
// ---------------------------------------------------------------------------------------------

function summary(d, staff) {
  return h('section', { class: 'panel', id: 'declaration' }, kv([
    ['病例', link('#/cases/' + encodeURIComponent(d.caseId), d.caseId)],
    ['医院', d.hospitalCode + ' ' + (d.hospitalName || '')],
    ['期间 / 结算月份', d.period + ' / ' + d.settlementMonth],
    ['申报类别', d.categoryLabel],
    ['病组 / 总费用', (d.groupCode || '—') + ' / ' + money(d.totalCost) + ' 元'],
    ['候选疑点', d.findingId ? link('#/findings/' + d.findingId, '#' + d.findingId + '（SC-01）') : '非候选病例，医院自行申报'],
    ['状态', h('span', { id: 'declaration-status' }, statusTag(d.status, d.statusLabel))],
    ['申报', d.declaredBy + ' · ' + dateTime(d.declaredAt)],
    ['申报理由', h('div', { class: 'reason' }, d.reason)],
    staff && d.seed !== undefined ? ['抽取专家', '种子 ' + d.seed + ' · ' + (d.assignedBy || '') + ' · ' + dateTime(d.assignedAt)] : d.assignedAt ? ['指派专家', dateTime(d.assignedAt)] : undefined,
    d.reviewDeadline ? ['专家意见期限', deadline(d.reviewDeadline, d.reviewOverdue)] : undefined,
    d.decisionDeadline ? ['认定期限', deadline(d.decisionDeadline, d.decisionOverdue)] : undefined,
    d.approvals !== undefined && d.approvals !== null ? ['意见', '同意 ' + d.approvals + '，不同意 ' + d.rejections] : undefined,
    d.decidedAt ? ['认定', (d.decidedBy || '') + ' · ' + dateTime(d.decidedAt) + (d.decisionNote ? '：' + d.decisionNote : '')] : undefined,
  ].filter(Boolean)));
}

function expertsPanel(d) {
  return h('section', { class: 'panel', id: 'experts' }, h('h2', {}, '评审专家（' + (d.experts || []).length + '）'), table([
    { label: '专家', value: (e) => (e.displayName || e.expert) + '（' + e.expert + '）' },
    { label: '专业', value: (e) => e.specialty || '—' },
    { label: '所在医院', value: (e) => e.hospitalCode || '—' },
    { label: '抽取排序值 SHA-256', value: (e) => h('span', { class: 'mono', title: e.drawKey }, (e.drawKey || '').slice(0, 16) + '…') },
    { label: '期限', value: (e) => deadline(e.deadline, e.overdue) },
    { label: '意见', value: (e) => (e.opinion ? tag(e.opinionLabel || L.OPINIONS[e.opinion], e.opinion === 'APPROVE' ? 'green' : 'red') : h('span', { class: 'muted' }, '待提出')) },
    { label: '理由', value: (e) => e.reason || '' },
    { label: '时间', value: (e) => (e.at ? dateTime(e.at) : '') },
  ], d.experts || [], { empty: '尚未指派专家。' }));
}

function opinionsPanel(d) {
  if (!d.opinions) return d.status === 'ASSIGNED' ? h('section', { class: 'panel', id: 'opinions' }, h('h2', {}, '专家意见'),
    h('p', { class: 'muted' }, '专家评审中。认定后可查看专家意见（不显示专家姓名）。')) : null;
  return h('section', { class: 'panel', id: 'opinions' }, h('h2', {}, '专家意见'), table([
    { label: '专家', value: () => '专家' },
    { label: '意见', value: (o) => tag(o.opinionLabel || L.OPINIONS[o.opinion], o.opinion === 'APPROVE' ? 'green' : 'red') },
    { label: '理由', value: (o) => o.reason },
    { label: '时间', value: (o) => dateTime(o.at) },
  ], d.opinions));
}

function hospitalActions(d, status, refresh, navigate) {
  if (d.status !== 'DECLARED') return null;
  const files = h('input', { type: 'file', id: 'evidence-files', multiple: true, accept: ATTACHMENT_TYPES });
  const upload = h('form', { class: 'filters', id: 'evidence-form', onSubmit: async (e) => {
    e.preventDefault();
    if (!files.files.length) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请先选择文件。')); return; }
    try {
      await uploadEvidence(d.id, files.files);
      sessionStorage.setItem('drgaudit.flash', '附件已上传。');
      refresh();
    } catch (err) { replace(status, errorBox(err)); }
  } }, field('补充证明材料（PDF、JPG、PNG）', files), h('button', { type: 'submit', id: 'evidence-upload' }, '上传'));
  const reason = h('input', { name: 'reason', id: 'withdraw-reason', size: 40 });
  const withdraw = h('form', { class: 'filters', id: 'withdraw-form', onSubmit: async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '撤回须说明理由。')); reason.focus(); return; }
    try {
      await api('/api/special-cases/' + d.id + '/withdraw', { method: 'POST', body: { reason: reason.value.trim() } });
      sessionStorage.setItem('drgaudit.flash', '已撤回申报 #' + d.id + '，名额已释放。');
      refresh();
    } catch (err) { replace(status, errorBox(err)); }
  } }, field('撤回理由', reason), h('button', { type: 'submit', class: 'danger', id: 'withdraw' }, '撤回申报'));
  return { upload, withdraw };
}

function staffActions(d, session, rule, status, refresh) {
  if (!session.has('admin', 'inspector')) return null;
  if (d.status === 'DECLARED') {
    const seed = h('input', { name: 'seed', id: 'assign-seed', type: 'number', step: 1, placeholder: '留空则随机' });
    return h('form', { class: 'filters', id: 'assign-form', onSubmit: async (e) => {
      e.preventDefault();
      try {
        await api('/api/special-cases/' + d.id + '/assign', { method: 'POST', body: seed.value.trim() ? { seed: Number(seed.value) } : {} });
        sessionStorage.setItem('drgaudit.flash', '已随机指派专家。');
        refresh();
      } catch (err) { replace(status, errorBox(err)); }
    } }, field('随机种子（可选，记录在案）', seed),
    h('button', { type: 'submit', class: 'primary', id: 'assign' }, '随机指派专家（' + (rule.expertsPerCase ?? '') + ' 名，不含本院专家）'));
  }
  if (d.status === 'ASSIGNED') {
    const note = h('input', { name: 'note', id: 'decide-note', size: 40 });
    return h('form', { class: 'filters', id: 'decide-form', onSubmit: async (e) => {
      e.preventDefault();
      try {
        await api('/api/special-cases/' + d.id + '/decide', { method: 'POST', body: { note: note.value.trim() || null } });
        sessionStorage.setItem('drgaudit.flash', '已按认定规则作出认定。');
        refresh();
      } catch (err) { replace(status, errorBox(err)); }
    } },
    h('p', { class: 'full' }, '认定规则（specialCase.decisionRule = ' + (rule.decisionRule || '—') + '）：' + (L.DECISION_RULES[rule.decisionRule] || '—')
      + '。结果由专家意见决定；意见未到齐且未过专家意见期限时不能认定，过期未提意见的视为不同意。'),
    field('认定说明（可选）', note), h('button', { type: 'submit', class: 'primary', id: 'decide' }, '按专家意见认定'));
  }
  return null;
}

export async function render({ params, session, refresh, navigate }) {
  const d = await api('/api/special-cases/' + params[0]);
  const flash = sessionStorage.getItem('drgaudit.flash');
  const flashError = sessionStorage.getItem('drgaudit.flash-error');
  sessionStorage.removeItem('drgaudit.flash');
  sessionStorage.removeItem('drgaudit.flash-error');
  const status = h('div', { 'aria-live': 'polite', id: 'action-status' },
    flash ? h('div', { class: 'alert ok', role: 'status' }, flash) : null,
    flashError ? h('div', { class: 'alert error', role: 'alert' }, flashError) : null);
  const back = h('p', {}, link('#/special-cases?period=' + d.period, '← 特例单议'));
  if (d.kase !== undefined || (!session.isStaff() && !session.isHospital())) {
    return h('div', {}, h('h1', {}, '特例单议申报 #' + d.id + ' · 专家评审'), back, status, expertView(d, refresh));
  }
  const staff = session.isStaff();
  let actions = null;
  let uploader = null;
  if (session.isHospital() || session.has('admin')) {
    const a = hospitalActions(d, status, refresh, navigate);
    if (a) { uploader = a.upload; actions = a.withdraw; }
  }
  const params2 = staff ? await api('/api/knowledge/parameters').catch(() => []) : [];
  const rule = ((params2.find((p) => String(p.year) === d.settlementMonth.slice(0, 4)) || params2[0] || {}).specialCase || {});
  const staffForm = staff ? staffActions(d, session, rule, status, refresh) : null;
  return h('div', {},
    h('h1', {}, '特例单议申报 #' + d.id + ' · ' + d.categoryLabel + ' · ' + (d.statusLabel || d.status)), back,
    status,
    staffForm || actions ? h('section', { class: 'panel', id: 'action-panel' }, h('h2', {}, '办理'), staffForm, actions) : null,
    summary(d, staff),
    paymentBlock(d.payment),
    staff ? expertsPanel(d) : opinionsPanel(d),
    attachmentsPanel(d, status, { uploader }),
    h('section', { class: 'panel', id: 'history' }, h('h2', {}, '办理记录'), history(d.history)));
}
