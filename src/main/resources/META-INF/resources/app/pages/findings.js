// 疑点列表: filters (month, hospital, family, rule, result type, review status) with paging done by the service.
import { h, num, table, link, field, select } from '../dom.js';
import { api } from '../api.js';
import { hospitals, months, moneyCell, statusTag } from '../components.js';
import * as L from '../labels.js';

const SIZE = 20;
const FILTERS = ['month', 'hospital', 'family', 'rule', 'resultType', 'reviewStatus'];

export async function render({ query, session, navigate }) {
  const f = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) || '']));
  if (session.isHospital()) f.hospital = session.hospitalCode;
  const page = Math.max(0, Number(query.get('page') || 0));
  const params = new URLSearchParams(Object.entries({ ...f, page, size: SIZE }).filter(([, v]) => v !== ''));
  const [monthList, hospitalList, rules, result] = await Promise.all([months(), hospitals(), api('/api/rules'), api('/api/findings?' + params)]);
  const pages = Math.max(1, Math.ceil(result.total / SIZE));
  const go = (p) => navigate('/findings', { ...f, hospital: session.isHospital() ? '' : f.hospital, page: p || '' });

  const form = h('form', { class: 'filters', id: 'finding-filters', onSubmit: (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.target).entries());
    navigate('/findings', data);
  } },
  field('结算月份', select('month', [['', '全部'], ...monthList.map((m) => [m, m])], f.month)),
  session.isHospital() ? null : field('医院', select('hospital', [['', '全部'], ...hospitalList.map((x) => [x.code, x.code + ' ' + x.name])], f.hospital)),
  field('违规类别', select('family', [['', '全部'], ...Object.entries(L.FAMILIES)], f.family)),
  field('规则', select('rule', [['', '全部'], ...rules.map((r) => [r.id, r.id + ' ' + r.name])], f.rule)),
  field('结果类型', select('resultType', [['', '全部'], ...Object.entries(L.RESULT_TYPES)], f.resultType)),
  field('审核状态', select('reviewStatus', [['', '全部'], ...Object.entries(L.REVIEW_STATUS)], f.reviewStatus)),
  h('button', { type: 'submit', class: 'primary' }, '查询'),
  h('button', { type: 'button', onClick: () => navigate('/findings', {}) }, '清除条件'));

  const rows = table([
    { label: '编号', value: (x) => link('#/findings/' + x.id, '#' + x.id) },
    { label: '月份', value: (x) => x.month, class: 'nowrap' },
    { label: '医院', value: (x) => x.hospitalCode },
    { label: '规则', value: (x) => h('span', {}, h('b', {}, x.ruleId), ' ', x.ruleName) },
    { label: '类别', value: (x) => L.label(L.FAMILIES, x.family) },
    { label: '类型', value: (x) => L.label(L.RESULT_TYPES, x.resultType) },
    { label: '病例', value: (x) => x.caseIds.map((c, i) => [i ? '、' : '', c.startsWith('医共体') ? c : link('#/cases/' + encodeURIComponent(c), c)]) },
    { label: '金额（元）', value: moneyCell, class: 'num' },
    { label: '审核状态', value: (x) => statusTag(x.reviewStatus) },
  ], result.items, { empty: '没有符合条件的疑点。请放宽筛选条件，或确认该月份已完成筛查。' });

  return h('div', {},
    h('h1', {}, '疑点列表'),
    h('div', { class: 'panel' }, form),
    h('section', { class: 'panel' },
      h('p', { id: 'finding-total' }, '共 ', h('b', {}, num(result.total)), ' 条疑点', result.total ? '，第 ' + (page + 1) + ' / ' + pages + ' 页' : ''),
      rows,
      result.total > SIZE ? h('div', { class: 'pager' },
        h('button', { type: 'button', disabled: page === 0, onClick: () => go(page - 1) }, '上一页'),
        h('span', {}, '第 ' + (page + 1) + ' / ' + pages + ' 页'),
        h('button', { type: 'button', id: 'next-page', disabled: page + 1 >= pages, onClick: () => go(page + 1) }, '下一页')) : null));
}
