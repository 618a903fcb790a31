// 规则库版本 (docs/rule-lifecycle.md): every version of the rule base with its state, a new draft (policy staff), and
// the difference between two versions.
import { h, replace, table, link, dateTime, tag, field, select } from '../dom.js';
import { api, errorBox } from '../api.js';
import * as L from '../labels.js';

export function versionTag(status) {
  return tag(L.label(L.VERSION_STATUS, status), L.VERSION_STATUS_COLOR[status]);
}

/** The path a version walks, its current step marked (a retired version has left it). */
export function statePath(status) {
  const at = L.VERSION_ORDER.indexOf(status);
  return h('ol', { class: 'state-path', 'aria-label': '版本状态' }, L.VERSION_ORDER.map((s, i) =>
    h('li', { class: i < at ? 'done' : i === at ? 'current' : null, 'aria-current': i === at ? 'step' : null }, L.VERSION_STATUS[s])),
  status === 'RETIRED' ? h('li', { class: 'current' }, L.VERSION_STATUS.RETIRED) : null);
}

export async function render({ session, navigate }) {
  const versions = await api('/api/rule-versions');
  const mayDraft = session.has('admin', 'policy', 'approver');
  const status = h('div', { 'aria-live': 'polite', id: 'draft-status' });
  let form = null;
  if (mayDraft) {
    const title = h('input', { name: 'title', id: 'draft-title', size: 40, required: true, maxlength: 200 });
    const base = select('baseVersion', [['', '当前生效版本'], ...versions.map((v) => [String(v.version), 'v' + v.version + ' ' + (v.title || '')])], '', { id: 'draft-base' });
    form = h('form', { class: 'filters', id: 'draft-form', onSubmit: async (e) => {
      e.preventDefault();
      if (!title.value.trim()) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请填写草稿标题（说明本次修改什么）。')); title.focus(); return; }
      try {
        const v = await api('/api/rule-versions', { method: 'POST', body: { title: title.value.trim(), baseVersion: base.value ? Number(base.value) : null } });
        navigate('/rule-versions/' + v.version.version);
      } catch (err) { replace(status, errorBox(err)); }
    } }, field('草稿标题', title), field('以哪个版本为基础', base), h('button', { type: 'submit', class: 'primary', id: 'draft-create' }, '新建草稿'));
  }
  const numbers = versions.map((v) => [String(v.version), 'v' + v.version]);
  const active = versions.find((v) => v.status === 'ACTIVE');
  const from = select('from', numbers, String(active ? active.version : (versions[1] || versions[0] || {}).version), { id: 'diff-from' });
  const to = select('to', numbers, String((versions[0] || {}).version), { id: 'diff-to' });
  return h('div', {},
    h('h1', {}, '规则库版本'),
    h('p', {}, link('#/rules', '← 规则库'), ' · 规则、参数、知识库表和黄金用例的每次修改都是一个版本：草稿经校验、黄金用例、回测后提请审批，由另一人批准并发布；可回滚到以前的版本。'),
    form ? h('section', { class: 'panel' }, h('h2', {}, '新建草稿'), form, status) : null,
    h('section', { class: 'panel', id: 'versions' }, h('h2', {}, '版本（' + versions.length + '）'), table([
      { label: '版本', value: (v) => link('#/rule-versions/' + v.version, 'v' + v.version) },
      { label: '标题', value: (v) => v.title || '—' },
      { label: '状态', value: (v) => versionTag(v.status) },
      { label: '规则数', value: (v) => v.ruleCount, class: 'num' },
      { label: '基于', value: (v) => (v.baseVersion ? 'v' + v.baseVersion : v.source || '—') },
      { label: '起草', value: (v) => (v.createdBy || '—') + ' · ' + dateTime(v.createdAt) },
      { label: '提请审批', value: (v) => (v.approvalRequestedBy ? v.approvalRequestedBy + ' · ' + dateTime(v.approvalRequestedAt) : '—') },
      { label: '批准', value: (v) => (v.approvedBy ? v.approvedBy + ' · ' + dateTime(v.approvedAt) : '—') },
      { label: '生效', value: (v) => (v.activatedAt ? dateTime(v.activatedAt) + (v.retiredAt ? ' 至 ' + dateTime(v.retiredAt) : ' 起') : '—') },
    ], versions, { className: 'compact', rowClass: (v) => 'version-' + v.status })),
    h('section', { class: 'panel' }, h('h2', {}, '比较两个版本'),
      h('form', { class: 'filters', id: 'diff-form', onSubmit: (e) => { e.preventDefault(); navigate('/rule-versions/diff', { from: from.value, to: to.value }); } },
        field('从', from), field('到', to), h('button', { type: 'submit', id: 'diff-show' }, '比较'))));
}
