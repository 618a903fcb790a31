// 年终清算: the clearing runs, newest first; inspectors open a draft run for a region and year.
import { h, replace, money, num, table, link, dateTime, tag, field, select } from '../dom.js';
import { api, errorBox } from '../api.js';
import * as L from '../labels.js';

export async function render({ session, navigate }) {
  const [runs, params] = await Promise.all([api('/api/clearing-runs'),
    session.has('admin', 'inspector') ? api('/api/knowledge/parameters') : Promise.resolve([])]);
  const status = h('div', { 'aria-live': 'polite' });
  let form = null;
  if (session.has('admin', 'inspector')) {
    const choices = params.map((p) => [p.region + '/' + p.year, (p.regionName || p.region) + ' ' + p.year + ' 年']);
    const which = select('regionYear', choices, choices.length ? choices[choices.length - 1][0] : '');
    const create = h('button', { type: 'submit', class: 'primary', id: 'open-run' }, '生成清算草稿');
    form = h('form', { class: 'filters', id: 'run-form', onSubmit: async (e) => {
      e.preventDefault();
      create.disabled = true;
      replace(status, h('div', { class: 'alert info' }, '正在计算全年清算，请稍候…'));
      const [region, year] = which.value.split('/');
      try {
        const run = await api('/api/clearing-runs', { method: 'POST', body: { region, year: Number(year) } });
        navigate('/clearing/' + run.id);
      } catch (err) { replace(status, errorBox(err)); create.disabled = false; }
    } }, field('地区与年度', which), create);
  }
  return h('div', {},
    h('div', { class: 'row' }, h('h1', {}, '年终清算'), h('span', { class: 'spacer' }),
      session.has('admin', 'inspector', 'reviewer', 'approver') ? h('a', { class: 'button', href: '#/clearing/inputs', id: 'clearing-inputs' },
        session.has('admin', 'inspector') ? '导入预拨款与考核分数' : '预拨款版本') : null),
    form ? h('div', { class: 'panel' }, form, status) : null,
    h('section', { class: 'panel' }, table([
      { label: '批次', value: (r) => link('#/clearing/' + r.id, '#' + r.id) },
      { label: '地区 / 年度', value: (r) => r.region + ' · ' + r.year },
      { label: '状态', value: (r) => tag(r.statusLabel || L.label(L.RUN_STATUS, r.status), r.status === 'FINAL' ? 'green' : 'amber') },
      { label: '方法', value: (r) => r.methodLabel || L.label(L.METHODS, r.method) },
      { label: '医院', value: (r) => num(r.hospitalCount), class: 'num' },
      { label: '可分配（元）', value: (r) => money(r.distributable), class: 'num' },
      { label: '点值（元）', value: (r) => (r.pointValue ? Number(r.pointValue).toFixed(4) : '—'), class: 'num' },
      { label: '应付合计（元）', value: (r) => money(r.totalDue), class: 'num' },
      { label: '清算差额合计（元）', value: (r) => money(r.totalBalance), class: 'num' },
      { label: '更正', value: (r) => [r.correctsRunId ? '更正 #' + r.correctsRunId : null, r.correctedByRunIds && r.correctedByRunIds.length ? '已被 #' + r.correctedByRunIds.join('、#') + ' 更正' : null].filter(Boolean).join('；') },
      { label: '计算', value: (r) => (r.computedBy || r.createdBy) + ' · ' + dateTime(r.computedAt || r.createdAt) },
      { label: '定稿', value: (r) => (r.finalisedBy ? r.finalisedBy + ' · ' + dateTime(r.finalisedAt) : '—') },
    ], runs, { empty: '还没有清算批次。' + (session.has('admin', 'inspector') ? '选择地区与年度生成清算草稿。' : '') })));
}
