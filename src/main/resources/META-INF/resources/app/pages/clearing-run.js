// One clearing run: its figures, every hospital's statement, the reconciliation report, recompute (inspector) and
// finalise (approver).
import { h, replace, money, num, table, link, kv, dateTime, tag } from '../dom.js';
import { api, errorBox } from '../api.js';
import * as L from '../labels.js';

export async function render({ params, session, refresh }) {
  const id = params[0];
  const [run, statements, recon] = await Promise.all([api('/api/clearing-runs/' + id), api('/api/clearing-runs/' + id + '/statements'),
    api('/api/clearing-runs/' + id + '/reconciliation')]);
  const status = h('div', { 'aria-live': 'polite' });
  const actions = h('div', { class: 'row' });
  if (run.status === 'DRAFT' && session.has('admin', 'inspector')) {
    actions.append(h('button', { type: 'button', id: 'recompute', onClick: async () => {
      replace(status, h('div', { class: 'alert info' }, '正在重新计算…'));
      try { await api('/api/clearing-runs/' + id + '/recompute', { method: 'POST' }); refresh(); } catch (err) { replace(status, errorBox(err)); }
    } }, '按当前数据重新计算'));
  }
  if (run.status === 'DRAFT' && session.has('admin', 'approver')) {
    const confirmBox = h('div', { hidden: true, class: 'alert info', id: 'finalise-confirm' },
      h('div', {}, '定稿后本批次及各医院清算单不再改变；如需更正，须另建更正批次。确定定稿？'),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', id: 'finalise-yes', onClick: async () => {
          try { await api('/api/clearing-runs/' + id + '/finalise', { method: 'POST' }); refresh(); } catch (err) { replace(status, errorBox(err)); }
        } }, '确定定稿'),
        h('button', { type: 'button', onClick: () => { confirmBox.hidden = true; } }, '取消')));
    actions.append(h('button', { type: 'button', class: 'primary', id: 'finalise', onClick: () => { confirmBox.hidden = false; } }, '定稿'), confirmBox);
  }
  return h('div', {},
    h('h1', {}, '清算批次 #' + run.id + ' · ' + run.region + ' ' + run.year + ' 年'),
    status, actions.childNodes.length ? h('div', { class: 'panel' }, actions) : null,
    h('section', { class: 'panel' }, h('h2', {}, '批次'), kv([
      ['状态', tag(run.statusLabel || L.label(L.RUN_STATUS, run.status), run.status === 'FINAL' ? 'green' : 'amber')],
      ['清算方法', run.methodLabel || L.label(L.METHODS, run.method)],
      ['年度预算（元）', money(run.budget)], ['可分配（元）', money(run.distributable)], ['风险调节金（元）', run.retained !== undefined ? money(run.retained) : undefined],
      ['总点数', run.totalPoints !== undefined ? num(run.totalPoints, 4) : undefined], ['点值（元/点）', run.pointValue !== undefined ? Number(run.pointValue).toFixed(10) : undefined],
      ['应付合计（元）', money(run.totalDue)], ['清算差额合计（元）', money(run.totalBalance)],
      ['医院 / 认定疑点', num(run.hospitalCount) + ' / ' + num(run.findingCount)],
      ['知识库版本', 'KB-' + run.kbVersion],
      ['计算', (run.computedBy || run.createdBy) + ' · ' + dateTime(run.computedAt || run.createdAt)],
      ['定稿', run.finalisedBy ? run.finalisedBy + ' · ' + dateTime(run.finalisedAt) : '未定稿'],
      ['说明', run.notes && run.notes.length ? h('ul', {}, run.notes.map((n) => h('li', {}, n))) : undefined],
    ])),
    h('section', { class: 'panel', id: 'statements' }, h('h2', {}, '各医院清算单'), table([
      { label: '医院', value: (s) => link('#/clearing/' + id + '/' + s.hospitalCode, s.hospitalCode + ' ' + (s.hospitalName || '')) },
      { label: '病例', value: (s) => num(s.caseCount), class: 'num' },
      { label: '点数', value: (s) => num(s.points, 2), class: 'num' },
      { label: '应付（元）', value: (s) => money(s.amountDue), class: 'num' },
      { label: '违规扣减（元）', value: (s) => money(s.findingsCost), class: 'num' },
      { label: '违约金（元）', value: (s) => money(s.penalties), class: 'num' },
      { label: '考核', value: (s) => (s.grade ? s.grade + (s.assessmentScore !== undefined && s.assessmentScore !== null ? '（' + s.assessmentScore + ' 分）' : '') : '—') + (s.veto ? ' · 一票否决' : '') },
      { label: '扣款合计（元）', value: (s) => money(s.deductions), class: 'num' },
      { label: '已预付（元）', value: (s) => money(s.advancesPaid), class: 'num' },
      { label: '清算差额（元）', value: (s) => money(s.balance), class: 'num' },
    ], statements, { empty: '本批次没有清算单。' })),
    h('section', { class: 'panel', id: 'reconciliation' }, h('h2', {}, '对账报告'),
      h('p', {}, '认定决定 ' + recon.confirmed + ' 项：一致 ' + recon.agreeing + '，审核时更正 ' + recon.correctedAtDecision + '，',
        h('span', { class: recon.statementDiffers ? 'overdue' : null }, '清算单不一致 ' + recon.statementDiffers), '。'),
      table([
        { label: '疑点', value: (r) => (r.findingId ? link('#/findings/' + r.findingId, '#' + r.findingId + ' ' + (r.ruleId || '')) : '抽查病例') },
        { label: '医院', value: (r) => r.hospitalCode },
        { label: '病例', value: (r) => r.caseId || '' },
        { label: '疑点计价（元）', value: (r) => money(r.findingOverpayment), class: 'num' },
        { label: '认定（元）', value: (r) => money(r.decisionOverpayment), class: 'num' },
        { label: '清算单（元）', value: (r) => money(r.statementOverpayment), class: 'num' },
        { label: '违约金：决定 / 清算单', value: (r) => money(r.decisionPenalty) + ' / ' + money(r.statementPenalty), class: 'num' },
        { label: '状态', value: (r) => tag(L.label(L.RECONCILIATION, r.status), r.status === 'STATEMENT_DIFFERS' ? 'red' : r.status === 'AGREES' ? 'green' : 'amber') },
        { label: '说明', value: (r) => [r.decisionReason, ...(r.differences || [])].filter(Boolean).join('；') },
      ], recon.rows, { empty: '本批次没有认定的违规决定。' })));
}
