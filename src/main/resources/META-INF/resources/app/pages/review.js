// One review item: the case and its findings with their money, the history, the appeal's attachments, and the form
// of the step the signed-in role takes: 初审 / 复审 (confirm or dismiss), 申诉 (the hospital appeals with text and
// PDF or image attachments, or accepts), 调查核实, and 违规处理 (per finding: overpayment, refund, correct group and the
// severity whose penalty the item's proposal gives; a changed amount needs a reason).
import { h, replace, money, num, kv, table, link, dateTime, localTime, tag, field, saveBlob } from '../dom.js';
import { api, errorBox, download } from '../api.js';
import { findingCard, deadlineCell } from '../components.js';
import * as L from '../labels.js';

const ATTACHMENT_TYPES = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

function caseSummary(s) {
  if (!s) return null;
  return kv([
    ['病例', link('#/cases/' + encodeURIComponent(s.caseId), s.caseId)],
    ['患者', s.patientId + ' · ' + L.label(L.SEX, s.sex) + ' · ' + (s.ageYears ?? '—') + ' 岁 · ' + L.label(L.INSURANCE, s.insuranceType)],
    ['住院', localTime(s.admissionTime) + ' 至 ' + localTime(s.dischargeTime) + '（' + (s.losDays ?? '—') + ' 天）'],
    ['入院途径 / 离院方式', L.label(L.ROUTES, s.admissionRoute) + ' / ' + L.label(L.DISCHARGE, s.dischargeMethod)],
    ['主要诊断', s.principalDiagnosis ? s.principalDiagnosis.code + ' ' + (s.principalDiagnosis.name || '') : '—'],
    ['其他诊断', (s.secondaryDiagnoses || []).map((d) => d.code + ' ' + (d.name || '')).join('；') || '无'],
    ['手术及操作', (s.procedures || []).map((p) => p.code + ' ' + (p.name || '')).join('；') || '无'],
    ['结算病组', s.grouping ? s.grouping.code + ' ' + (s.grouping.name || '') + '（权重 ' + num(s.grouping.weight, 4) + '）' : '—'],
    ['费用', '总额 ' + money(s.totalCost) + ' 元；基金支付 ' + money(s.fundPayment) + ' 元；个人自付 ' + money(s.selfPay) + ' 元'],
  ]);
}

function history(events) {
  if (!events || !events.length) return h('p', { class: 'muted' }, '尚无办理记录。');
  return h('ol', { class: 'timeline' }, events.map((e) => h('li', {},
    h('b', {}, e.stepLabel + ' · ' + e.actionLabel), ' ', h('span', { class: 'muted' }, e.actor + ' · ' + dateTime(e.at)),
    e.reason ? h('div', { class: 'reason' }, e.reason) : null,
    e.amount !== undefined && e.amount !== null ? h('div', {}, '金额 ' + money(e.amount) + ' 元' + (e.correctGroup ? '，正确病组 ' + e.correctGroup : '')) : null)));
}

function attachmentsPanel(item, status) {
  const rows = item.attachments || [];
  return h('section', { class: 'panel', id: 'attachments' }, h('h2', {}, '申诉附件（' + rows.length + '）'),
    table([
      { label: '文件', value: (a) => a.fileName },
      { label: '类型', value: (a) => a.contentType },
      { label: '大小', value: (a) => num(Math.ceil(a.sizeBytes / 1024)) + ' KB', class: 'num' },
      { label: 'SHA-256', value: (a) => h('span', { class: 'mono' }, a.sha256.slice(0, 16) + '…'), },
      { label: '上传', value: (a) => a.uploadedBy + ' · ' + dateTime(a.uploadedAt) },
      { label: '', value: (a) => h('span', { class: 'row' },
        h('button', { type: 'button', class: 'open-attachment', onClick: async () => {
          try {
            const f = await download('/api/reviews/' + item.id + '/attachments/' + a.id);
            const url = URL.createObjectURL(f.blob);
            const w = window.open(url, '_blank');
            if (!w) saveBlob(f.blob, f.name || a.fileName);
          } catch (err) { replace(status, errorBox(err)); }
        } }, '打开'),
        h('button', { type: 'button', class: 'download-attachment', onClick: async () => {
          try {
            const f = await download('/api/reviews/' + item.id + '/attachments/' + a.id);
            saveBlob(f.blob, f.name || a.fileName);
          } catch (err) { replace(status, errorBox(err)); }
        } }, '下载')) },
    ], rows, { empty: '没有附件。' }));
}

async function act(item, body, status, refresh) {
  try {
    await api('/api/reviews/' + item.id + '/actions', { method: 'POST', body });
    sessionStorage.setItem('drgaudit.flash', '已提交：' + (L.ACTIONS[body.action] || body.action) + '。');
    refresh();
  } catch (err) {
    replace(status, errorBox(err));
    status.scrollIntoView({ block: 'nearest' });
  }
}

/** 初审, 复审: confirm, or dismiss with a reason. */
function reviewForm(item, status, refresh) {
  const reason = h('textarea', { name: 'reason', id: 'action-reason' });
  return h('form', { id: 'action-form', onSubmit: (e) => e.preventDefault() },
    field(item.stepLabel + '意见', reason, { hint: '不予认定时必须说明理由' }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'action-confirm', onClick: () => act(item, { action: 'CONFIRM', reason: reason.value.trim() || null }, status, refresh) }, '确认疑点，移交下一环节'),
      h('button', { type: 'button', class: 'danger', id: 'action-dismiss', onClick: () => {
        if (!reason.value.trim()) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '不予认定须说明理由。')); reason.focus(); return; }
        act(item, { action: 'DISMISS', reason: reason.value.trim() }, status, refresh);
      } }, '不予认定')));
}

/** 申诉 by the hospital: the argument, attachments (uploaded first), or acceptance. */
function appealForm(item, status, refresh) {
  const reason = h('textarea', { name: 'reason', id: 'appeal-reason' });
  const files = h('input', { type: 'file', id: 'appeal-files', name: 'files', multiple: true, accept: ATTACHMENT_TYPES });
  const upload = async () => {
    for (const file of files.files) {
      const type = file.type || (file.name.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream');
      await api('/api/reviews/' + item.id + '/attachments?fileName=' + encodeURIComponent(file.name),
        { method: 'POST', body: new Blob([file], { type }), headers: { 'Content-Type': type } });
    }
  };
  return h('form', { id: 'action-form', onSubmit: (e) => e.preventDefault() },
    h('p', {}, '对以上疑点有异议的，请在期限（', deadlineCell(item), '）前提交申诉理由和证明材料；逾期未申诉视为放弃申诉。认可疑点的，可直接“认可”。'),
    field('申诉理由', reason, { hint: '说明不认可的理由，如病程记录中的治疗依据' }),
    field('证明材料（PDF、JPG、PNG，每个不超过 10 MB）', files),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'upload-only', onClick: async () => {
        if (!files.files.length) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请先选择文件。')); return; }
        try { await upload(); sessionStorage.setItem('drgaudit.flash', '附件已上传。'); refresh(); } catch (err) { replace(status, errorBox(err)); }
      } }, '仅上传附件'),
      h('button', { type: 'button', class: 'primary', id: 'action-appeal', onClick: async () => {
        if (!reason.value.trim()) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请填写申诉理由。')); reason.focus(); return; }
        try { await upload(); } catch (err) { replace(status, errorBox(err)); return; }
        act(item, { action: 'APPEAL', reason: reason.value.trim() }, status, refresh);
      } }, '提交申诉'),
      h('button', { type: 'button', id: 'action-accept', onClick: () => act(item, { action: 'ACCEPT', reason: reason.value.trim() || null }, status, refresh) }, '认可疑点（不申诉）')));
}

/** 调查核实 by an inspector: what the investigation found. */
function investigationForm(item, status, refresh) {
  const reason = h('textarea', { name: 'reason', id: 'action-reason' });
  return h('form', { id: 'action-form', onSubmit: (e) => {
    e.preventDefault();
    if (!reason.value.trim()) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请填写核实情况。')); return; }
    act(item, { action: 'INVESTIGATE', reason: reason.value.trim() }, status, refresh);
  } }, field('核实情况', reason, { hint: '调阅病历、询问医院后的结论' }),
  h('button', { type: 'submit', class: 'primary', id: 'action-investigate' }, '核实完毕，移交违规处理'));
}

function amountInput(name, value, label) {
  return h('input', { name, type: 'number', min: 0, step: '0.01', value: value === null || value === undefined ? '' : String(value), 'aria-label': label, class: name });
}

/** 违规处理 by a reviewer: one block per finding from the item's proposal. */
function decisionForm(item, status, refresh) {
  const proposals = item.proposal || [];
  const blocks = proposals.map((p, index) => {
    const special = p.family === 'special-case';
    const key = p.findingId ?? 'case';
    const outcome = h('div', { class: 'checks', role: 'radiogroup', 'aria-label': '处理结果' },
      h('label', {}, h('input', { type: 'radio', name: 'outcome-' + key, value: 'CONFIRM', checked: !special, disabled: special }), '认定违规'),
      h('label', {}, h('input', { type: 'radio', name: 'outcome-' + key, value: 'DISMISS', checked: special }), '不予认定'));
    const over = amountInput('overpayment', p.overpayment, '认定多支付金额');
    const refund = amountInput('patientRefund', p.patientRefund, '应退患者金额');
    const group = h('input', { name: 'correctGroup', value: p.correctGroup || '', size: 8, class: 'correctGroup' });
    const family = p.findingId === null || p.findingId === undefined
      ? select2('family', [['', '请选择'], ...Object.entries(L.FAMILIES).filter(([f]) => f !== 'special-case')]) : null;
    const severity = h('select', { name: 'severity', class: 'severity' },
      h('option', { value: '' }, '请选择情节'),
      (p.penalties || []).map((o) => h('option', { value: o.severity },
        o.name + (o.multiple !== null && o.multiple !== undefined ? '（' + num(o.multiple) + ' 倍，违约金 ' + money(o.penalty) + ' 元）' : ''))));
    const reason = h('textarea', { name: 'reason', class: 'finding-reason' });
    const hint = h('div', { class: 'small', 'aria-live': 'polite' });
    const recompute = () => {
      const changed = p.overpayment === null || p.overpayment === undefined ? over.value !== ''
        : over.value === '' || Number(over.value) !== Number(p.overpayment);
      const opt = (p.penalties || []).find((o) => o.severity === severity.value);
      const parts = [];
      if (changed && over.value !== '') parts.push(h('span', { class: 'overdue' }, '金额与疑点计价不同（计价 ' + money(p.overpayment) + ' 元），须在理由中说明。'));
      if (opt && opt.base === 'OVERPAYMENT' && over.value !== '' && opt.multiple !== null) {
        parts.push(h('span', {}, ' 按认定金额计违约金：' + money(Number(opt.multiple) * Number(over.value)) + ' 元（' + num(opt.multiple) + ' × ' + money(over.value) + '）。'));
      } else if (opt && opt.penalty !== null && opt.penalty !== undefined) {
        parts.push(h('span', {}, ' 违约金：' + money(opt.penalty) + ' 元（' + num(opt.multiple) + ' × ' + money(opt.baseAmount) + '）。'));
      }
      replace(hint, parts);
    };
    over.addEventListener('input', recompute);
    severity.addEventListener('change', recompute);
    const block = h('fieldset', { class: 'decision', 'data-finding': key },
      h('legend', {}, p.findingId ? '疑点 #' + p.findingId + ' ' + p.ruleId + ' ' + (p.ruleName || '') : '抽查病例（无疑点）'),
      p.findingId ? h('div', { class: 'muted small' }, L.label(L.FAMILIES, p.family) + ' · 规则计价：' +
        (p.money === 'UNPRICED' ? '未计价（' + (p.unpricedReason || '') + '）' : '多支付 ' + money(p.pricedOverpayment) + ' 元' +
          (p.pricedPatientRefund ? '，应退患者 ' + money(p.pricedPatientRefund) + ' 元' : ''))) : h('div', { class: 'muted small' }, p.unpricedReason || ''),
      p.note ? h('div', { class: 'alert info' }, p.note) : null,
      outcome,
      special ? null : h('div', { class: 'row' },
        family ? field('违规类别', family) : null,
        field('认定多支付（元）', over), field('应退患者（元）', refund), field('正确病组', group), field('情节（违约金）', severity)),
      hint,
      field('理由', reason, { hint: '不予认定或修改金额时必填' }));
    block.read = () => {
      const o = block.querySelector('input[name="outcome-' + key + '"]:checked').value;
      const d = { findingId: p.findingId ?? null, outcome: o, reason: reason.value.trim() || null };
      if (o === 'CONFIRM') {
        const overChanged = over.value !== '' && (p.overpayment === null || p.overpayment === undefined || Number(over.value) !== Number(p.overpayment));
        if (overChanged) d.overpayment = Number(over.value);
        if (refund.value !== '' && Number(refund.value) !== Number(p.patientRefund ?? NaN)) d.patientRefund = Number(refund.value);
        if (group.value.trim() && group.value.trim() !== (p.correctGroup || '')) d.correctGroup = group.value.trim();
        d.severity = severity.value || null;
        if (family) d.family = family.value || null;
      }
      return d;
    };
    recompute();
    return block;
  });
  const overall = h('textarea', { name: 'reason', id: 'decision-reason' });
  return h('form', { id: 'action-form', onSubmit: (e) => {
    e.preventDefault();
    const decisions = blocks.map((b) => b.read());
    const missing = decisions.find((d) => d.outcome === 'CONFIRM' && !d.severity);
    if (missing) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请为每个认定的疑点选择情节（决定违约金）。')); return; }
    const reason = overall.value.trim() || null;
    const unexplained = decisions.find((d) => d.findingId !== null && d.outcome === 'CONFIRM' && !d.reason && !reason
      && (d.overpayment !== undefined || d.patientRefund !== undefined));
    if (unexplained) {
      replace(status, h('div', { class: 'alert error', role: 'alert' }, '疑点 #' + unexplained.findingId + ' 的认定金额与疑点计价不同，请在理由中说明。'));
      return;
    }
    const undismissable = decisions.find((d) => d.outcome === 'DISMISS' && !d.reason && !reason);
    if (undismissable) {
      replace(status, h('div', { class: 'alert error', role: 'alert' }, (undismissable.findingId ? '疑点 #' + undismissable.findingId : '抽查病例') + ' 不予认定须说明理由。'));
      return;
    }
    if (decisions.every((d) => d.outcome === 'DISMISS')) {
      const why = reason || decisions.map((d) => d.reason).find(Boolean);
      act(item, { action: 'DISMISS', reason: why, findings: decisions.filter((d) => d.findingId !== null).map((d) => ({ findingId: d.findingId, outcome: 'DISMISS', reason: d.reason })) }, status, refresh);
      return;
    }
    const random = decisions.find((d) => d.findingId === null);
    const body = { action: 'CONFIRM', reason };
    if (random) Object.assign(body, { family: random.family, overpayment: random.overpayment, correctGroup: random.correctGroup, severity: random.severity, reason: reason || random.reason });
    const per = decisions.filter((d) => d.findingId !== null).map(({ family, ...d }) => d);
    if (per.length) body.findings = per;
    act(item, body, status, refresh);
  } },
  h('p', {}, '逐个疑点作出处理：金额默认为疑点计价（与同一病例其他已认定疑点重叠的部分已扣除）；违约金由所选情节按本地区参数计算。'),
  blocks,
  field('总体处理意见', overall),
  h('button', { type: 'submit', class: 'primary', id: 'action-decide' }, '提交违规处理决定'));
}

function select2(name, options) {
  return h('select', { name }, options.map(([v, t]) => h('option', { value: v }, t)));
}

function decisionsTable(item) {
  if (!item.decisions || !item.decisions.length) return null;
  return h('section', { class: 'panel', id: 'decisions' }, h('h2', {}, '违规处理决定'), table([
    { label: '疑点', value: (d) => (d.findingId ? link('#/findings/' + d.findingId, '#' + d.findingId + ' ' + (d.ruleId || '')) : '抽查病例') },
    { label: '结果', value: (d) => tag(L.label(L.OUTCOMES, d.outcome), d.outcome === 'CONFIRMED' ? 'red' : 'green') },
    { label: '规则计价（元）', value: (d) => money(d.pricedOverpayment), class: 'num' },
    { label: '认定多支付（元）', value: (d) => money(d.overpayment), class: 'num' },
    { label: '应退患者（元）', value: (d) => money(d.patientRefund), class: 'num' },
    { label: '正确病组', value: (d) => d.correctGroup || '—' },
    { label: '情节', value: (d) => d.severityName || d.severity || '—' },
    { label: '违约金（元）', value: (d) => money(d.penalty), class: 'num' },
    { label: '理由', value: (d) => d.reason || '' },
    { label: '决定', value: (d) => (d.decidedBy || '') + ' · ' + dateTime(d.decidedAt) },
  ], item.decisions));
}

export async function render({ params, session, refresh }) {
  const item = await api('/api/reviews/' + params[0]);
  const flash = sessionStorage.getItem('drgaudit.flash');
  sessionStorage.removeItem('drgaudit.flash');
  const status = h('div', { 'aria-live': 'polite', id: 'action-status' }, flash ? h('div', { class: 'alert ok' }, flash) : null);
  const role = L.STEP_ROLE[item.step];
  const mayAct = item.step !== 'DONE' && (session.has('admin') || (role && session.has(role)));
  let form = null;
  if (mayAct) {
    form = item.step === 'APPEAL' ? appealForm(item, status, refresh)
      : item.step === 'INVESTIGATION' ? investigationForm(item, status, refresh)
        : item.step === 'DECISION' ? decisionForm(item, status, refresh) : reviewForm(item, status, refresh);
  }
  const waiting = item.step !== 'DONE' && !mayAct
    ? h('p', { class: 'muted' }, '此环节由' + L.label(L.ROLES, role) + '办理。') : null;
  return h('div', {},
    h('h1', {}, '审核项 #' + item.id + ' · ' + item.stepLabel),
    h('div', { class: 'panel row' },
      tag(item.stepLabel, item.step === 'DONE' ? 'green' : 'blue'),
      item.outcome ? tag(L.label(L.OUTCOMES, item.outcome), item.outcome === 'CONFIRMED' ? 'red' : 'green') : null,
      h('span', {}, '期限：', deadlineCell(item)),
      session.isStaff() ? link('#/campaigns/' + item.campaignId, '专项抽查 #' + item.campaignId) : h('span', {}, '专项抽查 #' + item.campaignId),
      link('#/campaigns/' + item.campaignId + '/verify', '抽样核验'),
      item.confirmedAmount !== undefined && item.confirmedAmount !== null ? h('span', {}, '认定金额 ', h('b', {}, money(item.confirmedAmount)), ' 元') : null),
    status,
    form ? h('section', { class: 'panel', id: 'action-panel' }, h('h2', {}, '办理：' + item.stepLabel), form) : waiting,
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', {}, '病例摘要'), caseSummary(item.caseSummary)),
      h('section', { class: 'panel', id: 'history' }, h('h2', {}, '办理记录'), history(item.history))),
    h('section', { class: 'panel', id: 'item-findings' }, h('h2', {}, '疑点（' + (item.findings || []).length + '）'),
      (item.findings || []).length ? item.findings.map((f) => findingCard(f)) : h('p', { class: 'muted' }, '随机抽取的病例，没有疑点：审核其是否合规。')),
    decisionsTable(item),
    attachmentsPanel(item, status));
}
