// 审核队列: review items per step (初审 … 违规处理, 已办结) with deadlines and overdue marks; each role starts at the
// step it acts at. A hospital user sees its own hospital's items only (the API confines it).
import { h, money, num, table, link } from '../dom.js';
import { api } from '../api.js';
import { deadlineCell } from '../components.js';
import * as L from '../labels.js';

const SIZE = 50;

function defaultStep(session) {
  if (session.isHospital()) return 'APPEAL';
  if (session.has('inspector')) return 'FIRST_REVIEW';
  if (session.has('reviewer')) return 'SECOND_REVIEW';
  return '';
}

export async function render({ query, session, navigate }) {
  const asked = query.get('step');
  const step = asked === null ? defaultStep(session) : asked === 'ALL' ? '' : asked;
  const campaign = query.get('campaign') || '';
  const overdue = query.get('overdue') === 'true';
  const page = Math.max(0, Number(query.get('page') || 0));
  const qs = new URLSearchParams(Object.entries({ step, campaign, overdue: overdue ? 'true' : '', page, size: SIZE }).filter(([, v]) => v !== ''));
  // one page of items, read by the service with their case summaries and findings; the total comes in a header
  const [overview, res] = await Promise.all([
    api('/api/reviews/overdue' + (campaign ? '?campaign=' + campaign : '')), api('/api/reviews?' + qs, { raw: true })]);
  const shown = await res.json();
  const total = Number(res.headers.get('X-Total-Count') || shown.length);
  const counts = Object.fromEntries(overview.steps.map((s) => [s.step, s]));
  const tabs = h('nav', { class: 'tabs', 'aria-label': '审核环节' },
    [...L.STEP_ORDER, ''].map((s) => {
      const c = counts[s];
      const mine = s && L.STEP_ROLE[s] && session.has(L.STEP_ROLE[s], 'admin');
      return h('a', { href: '#/reviews?step=' + (s || 'ALL') + (campaign ? '&campaign=' + campaign : ''),
        class: s === step && !overdue ? 'active' : null, 'data-step': s || 'ALL' },
      s ? L.STEPS[s] : '全部', mine ? ' ★' : '',
      c ? h('span', { class: 'count muted' }, '(' + c.open + ')') : null,
      c && c.overdue ? h('span', { class: 'overdue count' }, '逾期 ' + c.overdue) : null);
    }),
    h('a', { href: '#/reviews?overdue=true&step=ALL' + (campaign ? '&campaign=' + campaign : ''), class: overdue ? 'active' : null, 'data-step': 'OVERDUE' }, '全部逾期'));
  const pages = Math.max(1, Math.ceil(total / SIZE));
  const go = (p) => navigate('/reviews', { step: step || 'ALL', campaign, overdue: overdue ? 'true' : '', page: p || '' });
  return h('div', {},
    h('h1', {}, '审核队列'),
    h('p', { class: 'muted' }, '★ 为您的角色办理的环节。', campaign ? ['仅显示 ', link('#/campaigns/' + campaign, '专项抽查 #' + campaign), ' 的审核项（', link('#/reviews?step=' + (step || 'ALL'), '显示全部'), '）。'] : ''),
    tabs,
    h('section', { class: 'panel' },
      h('p', { id: 'review-total' }, '共 ', h('b', {}, num(total)), ' 项', overdue ? '逾期未办结' : step ? '在' + L.STEPS[step] : ''),
      table([
        { label: '编号', value: (i) => link('#/reviews/' + i.id, '#' + i.id) },
        { label: '抽查', value: (i) => (session.isStaff() ? link('#/campaigns/' + i.campaignId, '#' + i.campaignId) : '#' + i.campaignId) },
        { label: '病例', value: (i) => i.caseId },
        { label: '医院', value: (i) => i.hospitalCode },
        { label: '病组', value: (i) => (i.caseSummary && i.caseSummary.grouping ? i.caseSummary.grouping.code : '—') },
        { label: '疑点', value: (i) => (i.findings && i.findings.length ? i.findings.map((f) => f.ruleId).join('、') : h('span', { class: 'muted' }, '随机抽取')) },
        { label: '涉及金额（元）', value: (i) => money((i.findings || []).reduce((a, f) => Math.max(a, Number(f.overpayment || 0)), 0)), class: 'num' },
        { label: '环节', value: (i) => i.stepLabel },
        { label: '期限', value: deadlineCell },
        { label: '结果', value: (i) => (i.outcome ? L.label(L.OUTCOMES, i.outcome) + (i.confirmedAmount ? ' ' + money(i.confirmedAmount) + ' 元' : '') : '') },
      ], shown, { empty: overdue ? '没有逾期的审核项。' : '此环节没有审核项。' }),
      total > SIZE ? h('div', { class: 'pager' },
        h('button', { type: 'button', disabled: page === 0, onClick: () => go(page - 1) }, '上一页'),
        h('span', {}, '第 ' + (page + 1) + ' / ' + pages + ' 页'),
        h('button', { type: 'button', disabled: page + 1 >= pages, onClick: () => go(page + 1) }, '下一页')) : null));
}
