// One rule-base version (docs/rule-lifecycle.md): its state and history; for a draft the file editor (a DRL, the
// parameters YAML, a golden case …), the gate (validate: faults with file, line and column; test: the golden cases that
// fail and what differs), backtests over past months, rule modes (shadow), and the approval request; for an approver
// approve / reject / publish and, on a retired version, roll back. The service enforces who may do what (the author
// never approves or publishes their own version): its refusal is shown as it says it.
import { h, replace, table, link, dateTime, tag, field, select, kv, num, money, saveBlob } from '../dom.js';
import { api, errorBox, download } from '../api.js';
import { months } from '../components.js';
import { regressionReport } from './rules.js';
import { versionTag, statePath } from './rule-versions.js';
import * as L from '../labels.js';

const EDITABLE = ['DRAFT', 'VALIDATED', 'TESTED', 'BACKTESTED'];

/** The outcome of validate / test: passed, or the API's refusal with every fault and failing golden case. */
function gateOutcome(report) {
  return h('div', { class: 'alert ok', role: 'status', id: 'gate-result' },
    h('strong', {}, report.stage === 'TESTED' ? '校验与黄金用例均通过。' : '校验通过：规则编译无误，参数与模板齐备。'),
    h('div', {}, '规则 ' + report.rules + ' 条' + (report.regression ? '；黄金用例通过 ' + report.regression.passed + '，失败 ' + report.regression.failed : '')
      + (report.goldenCasesChanged && report.goldenCasesChanged.length ? '；本版本修改的黄金用例：' + report.goldenCasesChanged.join('、') : '')));
}

function gateRefusal(err) {
  const p = (err && err.problem) || {};
  const regression = p.regression && p.regression.failed ? regressionReport(p.regression) : null;
  const coverage = p.gate && p.gate.coverage && p.gate.coverage.length ? h('ul', {}, p.gate.coverage.map((c) => h('li', {}, c))) : null;
  const what = { 'Rule base does not compile': '规则无法编译：请按下列文件、行、列改正后保存。', 'Rule base fails its golden cases': '黄金用例未通过：下列用例的结果与期望不同。',
    'Rule base lacks golden cases': '缺少黄金用例：每条规则须有命中与不命中的用例。' }[p.title];
  return h('div', { id: 'gate-result' }, what ? h('p', { class: 'gate-headline' }, h('strong', {}, what)) : null, errorBox(err), regression, coverage);
}

function lastGate(g) {
  if (!g) return h('p', { class: 'muted' }, '尚未校验（修改文件后须重新校验、运行黄金用例和回测）。');
  const failed = g.stage === 'FAILED';
  return h('div', { class: 'alert ' + (failed ? 'error' : 'ok') },
    h('strong', {}, (failed ? '未通过' : g.stage === 'TESTED' ? '校验与黄金用例通过' : '校验通过') + ' · ' + dateTime(g.at)),
    g.errors && g.errors.length ? h('ul', {}, g.errors.slice(0, 20).map((e) => h('li', {},
      [e.file, e.line ? '第 ' + e.line + ' 行' : null, e.column ? '第 ' + e.column + ' 列' : null].filter(Boolean).join(' · ') + '：' + e.message))) : null,
    g.regression ? regressionReport(g.regression) : null);
}

function historyList(events) {
  return h('ol', { class: 'timeline', id: 'version-history' }, (events || []).map((e) => h('li', {},
    h('b', {}, L.label(L.VERSION_ACTIONS, e.action)), ' ', h('span', { class: 'muted' }, (e.username || '') + ' · ' + dateTime(e.at)),
    e.detail && Object.keys(e.detail).length ? h('div', { class: 'small muted mono' }, Object.entries(e.detail)
      .map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join('；')) : null)));
}

function editorPanel(v, files, path, { editable, navigate }) {
  const which = select('file', [['', '请选择文件'], ...files.map((f) => [f.path, f.path])], path || '', { id: 'file-path' });
  const choose = h('form', { class: 'filters', id: 'file-choose', onSubmit: (e) => { e.preventDefault(); navigate('/rule-versions/' + v.version, which.value ? { file: which.value } : {}); } },
    field('文件（rules/ 规则，knowledge/ 知识库与参数，test-cases/ 黄金用例）', which), h('button', { type: 'submit', id: 'file-open' }, editable ? '打开编辑' : '查看'));
  return { choose, which };
}

async function editor(v, path, { editable, status, refresh }) {
  const text = await api('/api/rule-versions/' + v.version + '/files/' + path.split('/').map(encodeURIComponent).join('/'), { headers: { Accept: 'text/plain' } });
  const area = h('textarea', { id: 'file-text', name: 'text', class: 'mono code', rows: 24, spellcheck: 'false', readonly: !editable, 'aria-label': path }, text);
  area.value = text;
  const save = editable ? h('button', { type: 'submit', class: 'primary', id: 'file-save' }, '保存并校验') : null;
  const form = h('form', { id: 'file-form', onSubmit: async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      await api('/api/rule-versions/' + v.version + '/files/' + path.split('/').map(encodeURIComponent).join('/'),
        { method: 'PUT', body: area.value, headers: { 'Content-Type': 'text/plain; charset=UTF-8' } });
    } catch (err) {
      replace(status, errorBox(err));
      save.disabled = false;
      return;
    }
    let outcome;
    try {
      outcome = gateOutcome(await api('/api/rule-versions/' + v.version + '/validate', { method: 'POST' }));
    } catch (err) {
      outcome = gateRefusal(err);
    }
    sessionStorage.setItem('drgaudit.gate', 'saved');
    await refresh();
    const box = document.getElementById('gate-status');
    if (box) replace(box, h('div', { class: 'alert info' }, '已保存 ' + path + '（版本回到草稿状态）。'), outcome);
  } }, area, h('div', { class: 'row' }, save,
    h('span', { class: 'muted small' }, editable ? '保存后自动校验；校验错误列出文件、行、列。' : '只有草稿可以修改；请以此版本为基础新建草稿。')));
  return h('section', { class: 'panel', id: 'editor' }, h('h2', { class: 'mono' }, path), form);
}

function backtestPanel(v, backtests, monthList, { editable, mayAct, status }) {
  const rows = table([
    { label: '回测', value: (b) => link('#/rule-versions/' + v.version + '/backtests/' + b.id, '#' + b.id) },
    { label: '月份', value: (b) => b.months.join('、') },
    { label: '对比', value: (b) => 'v' + b.against },
    { label: '状态', value: (b) => tag(L.label(L.BACKTEST_STATUS, b.status), b.status === 'DONE' ? 'green' : b.status === 'FAILED' ? 'red' : 'blue') },
    { label: '病例', value: (b) => num(b.cases), class: 'num' },
    { label: '新增 / 减少 / 变化', value: (b) => (b.totals ? b.totals.added + ' / ' + b.totals.removed + ' / ' + b.totals.changed : '—'), class: 'num' },
    { label: '多支付差额（元）', value: (b) => (b.totals ? money(b.totals.overpaymentDifference) : '—'), class: 'num' },
    { label: '发起', value: (b) => b.requestedBy + ' · ' + dateTime(b.startedAt) },
  ], backtests || [], { empty: '尚无回测。', className: 'compact' });
  let form = null;
  if (editable && mayAct) {
    const boxes = monthList.slice(-12).map((m) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'months', value: m }), ' ' + m));
    const start = h('button', { type: 'submit', class: 'primary', id: 'backtest-start' }, '开始回测');
    form = h('form', { id: 'backtest-form', onSubmit: async (e) => {
      e.preventDefault();
      const chosen = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
      if (!chosen.length) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请选择至少一个月份（最多 12 个）。')); return; }
      start.disabled = true;
      try {
        const b = await api('/api/rule-versions/' + v.version + '/backtests', { method: 'POST', body: { months: chosen } });
        location.hash = '#/rule-versions/' + v.version + '/backtests/' + b.id;
      } catch (err) { replace(status, errorBox(err)); start.disabled = false; }
    } }, h('fieldset', {}, h('legend', {}, '回测月份（与当前生效版本对比，不改动任何已存数据）'), h('div', { class: 'row' }, boxes)), start);
  }
  return h('section', { class: 'panel', id: 'backtests' }, h('h2', {}, '回测'), rows, form);
}

function modePanel(v, rules, { status, refresh }) {
  const rule = select('rule', rules.map((r) => [r.id, r.id + ' ' + r.name + (r.mode === 'shadow' ? '（当前影子模式）' : '')]), '', { id: 'mode-rule' });
  const mode = select('mode', [['shadow', '影子模式：疑点可见，不进入抽样与清算'], ['live', '正常运行']], 'shadow', { id: 'mode-value' });
  return h('form', { class: 'filters', id: 'mode-form', onSubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/api/rule-versions/' + v.version + '/rules/' + rule.value + '/mode', { method: 'PUT', body: { mode: mode.value } });
      sessionStorage.setItem('drgaudit.flash', '已将 ' + rule.value + ' 设为' + (mode.value === 'shadow' ? '影子模式' : '正常运行') + '（写入 rules/rule-settings.yaml，随本版本发布生效）。');
      refresh();
    } catch (err) { replace(status, errorBox(err)); }
  } }, field('规则', rule), field('模式', mode), h('button', { type: 'submit', id: 'mode-set' }, '设置模式'));
}

/** A step button with an optional note or reason: POST, then the page again (or the refusal in plain words). */
function step(v, { id, label, path, ask, required, kind = 'primary', status, refresh, flash }) {
  const input = ask ? h('input', { id: id + '-text', name: id, size: 30, 'aria-label': ask }) : null;
  return h('form', { class: 'filters', id: id + '-form', onSubmit: async (e) => {
    e.preventDefault();
    if (required && !input.value.trim()) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请填写' + ask + '。')); input.focus(); return; }
    try {
      await api('/api/rule-versions/' + v.version + '/' + path, { method: 'POST', body: input ? { note: input.value.trim() || null, reason: input.value.trim() || null } : undefined });
      sessionStorage.setItem('drgaudit.flash', flash);
      refresh();
    } catch (err) { replace(status, errorBox(err)); }
  } }, input ? field(ask, input) : null, h('button', { type: 'submit', class: kind, id }, label));
}

export async function render({ params, query, session, refresh, navigate }) {
  const number = params[0];
  const view = await api('/api/rule-versions/' + number);
  const v = view.version;
  const flash = sessionStorage.getItem('drgaudit.flash');
  sessionStorage.removeItem('drgaudit.flash');
  sessionStorage.removeItem('drgaudit.gate');
  const editable = EDITABLE.includes(v.status);
  const mayEdit = session.has('admin', 'policy', 'approver');
  const approver = session.has('admin', 'approver');
  const status = h('div', { 'aria-live': 'polite', id: 'gate-status' }, flash ? h('div', { class: 'alert ok', role: 'status' }, flash) : null);
  const path = query.get('file');
  const [monthList, rules] = await Promise.all([editable && mayEdit ? months() : [], editable && mayEdit ? api('/api/rules') : []]);
  const chooser = editorPanel(v, view.files, path, { editable: editable && mayEdit, navigate });
  const editing = path ? await editor(v, path, { editable: editable && mayEdit, status, refresh }) : null;

  const actions = [];
  if (editable && mayEdit) {
    const gateStep = (id, label, what) => h('button', { type: 'button', class: 'primary', id, onClick: async (e) => {
      e.target.disabled = true;
      replace(status, h('div', { class: 'alert info' }, what === 'validate' ? '正在校验…' : '正在运行全部黄金用例…'));
      let outcome;
      try { outcome = gateOutcome(await api('/api/rule-versions/' + v.version + '/' + what, { method: 'POST' })); } catch (err) { outcome = gateRefusal(err); }
      await refresh();
      const box = document.getElementById('gate-status');
      if (box) replace(box, outcome);
    } }, label);
    actions.push(h('div', { class: 'row' }, gateStep('validate', '校验', 'validate'), gateStep('run-tests', '运行黄金用例', 'test')));
    if (v.status === 'BACKTESTED' && !v.approvalRequestedBy) {
      actions.push(step(v, { id: 'request-approval', label: '提请审批', path: 'approval-request', ask: '说明', status, refresh, flash: '已提请审批，等待审批人员批准。' }));
    }
  }
  if (approver && v.approvalRequestedBy && EDITABLE.includes(v.status)) {
    actions.push(step(v, { id: 'approve', label: '批准', path: 'approve', ask: '审批意见', status, refresh, flash: '已批准 v' + v.version + '。' }));
    actions.push(step(v, { id: 'reject', label: '退回', path: 'reject', ask: '退回理由', required: true, kind: 'danger', status, refresh, flash: '已退回 v' + v.version + '。' }));
  }
  if (approver && v.status === 'APPROVED') {
    actions.push(step(v, { id: 'publish', label: '发布（立即生效）', path: 'publish', status, refresh, flash: 'v' + v.version + ' 已发布生效；正在进行的筛查仍用原版本完成。' }));
  }
  if (approver && v.status === 'RETIRED') {
    actions.push(step(v, { id: 'rollback', label: '回滚到此版本', path: 'rollback', ask: '回滚理由', required: true, kind: 'danger', status, refresh,
      flash: '已回滚：v' + v.version + ' 重新生效。' }));
  }
  const zip = h('button', { type: 'button', id: 'version-zip', onClick: async () => {
    try {
      const f = await download('/api/rule-versions/' + v.version + '/zip', 'application/zip');
      saveBlob(f.blob, f.name || 'rule-base-v' + v.version + '.zip');
    } catch (err) { replace(status, errorBox(err)); }
  } }, '下载 zip');

  return h('div', {},
    h('div', { class: 'row' }, h('h1', {}, '规则库 v' + v.version + (v.title ? ' · ' + v.title : '')), h('span', { class: 'spacer' }), zip),
    h('p', {}, link('#/rule-versions', '← 规则库版本'), v.baseVersion ? [' · ', link('#/rule-versions/diff?from=' + v.baseVersion + '&to=' + v.version, '与 v' + v.baseVersion + ' 比较')] : null),
    statePath(v.status),
    h('section', { class: 'panel', id: 'version' }, kv([
      ['状态', h('span', { id: 'version-status' }, versionTag(v.status))],
      ['起草', (v.createdBy || '—') + ' · ' + dateTime(v.createdAt)],
      ['规则数 / 内容哈希', v.ruleCount + ' / ' + (v.contentHash || '').slice(0, 16) + '…'],
      ['提请审批', v.approvalRequestedBy ? v.approvalRequestedBy + ' · ' + dateTime(v.approvalRequestedAt) : undefined],
      ['批准', v.approvedBy ? v.approvedBy + ' · ' + dateTime(v.approvedAt) : undefined],
      ['发布', v.publishedBy ? v.publishedBy + ' · ' + dateTime(v.activatedAt) : undefined],
      ['退役', v.retiredAt ? dateTime(v.retiredAt) : undefined],
      ['审批规则', '起草或修改过本版本文件的人不能批准或发布本版本（由另一人审批）。'],
    ])),
    h('section', { class: 'panel', id: 'actions' }, h('h2', {}, '办理'), actions.length ? actions : h('p', { class: 'muted' },
      editable ? '等待' + (v.approvalRequestedBy ? '审批人员批准。' : '规则管理人员校验、测试、回测并提请审批。') : '本版本不能再修改；需要修改请以它为基础新建草稿。'), status),
    h('section', { class: 'panel', id: 'gate' }, h('h2', {}, '最近一次校验'), lastGate(v.gate)),
    h('section', { class: 'panel', id: 'files' }, h('h2', {}, '文件（' + view.files.length + '）'), chooser.choose),
    editing,
    backtestPanel(v, view.backtests, monthList, { editable, mayAct: mayEdit, status }),
    editable && mayEdit ? h('section', { class: 'panel', id: 'modes' }, h('h2', {}, '规则模式（影子模式）'),
      h('p', { class: 'muted small' }, '影子模式不改 DRL：写入本草稿的 rules/rule-settings.yaml，随版本发布生效。'), modePanel(v, rules, { status, refresh })) : null,
    h('section', { class: 'panel' }, h('h2', {}, '办理记录'), historyList(view.history)));
}
