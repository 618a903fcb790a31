// 清算数据导入 (docs/clearing.md, "Inputs"): the monthly advances (月度预拨) and the annual assessment scores (年度考核,
// with the agreed annual total) imported from a file or pasted as NDJSON or a JSON array, all or nothing, every fault
// shown with its line and field; and every version of a hospital's advances (a month re-imported with other amounts
// keeps the earlier one).
import { h, replace, money, table, dateTime, tag, field, select } from '../dom.js';
import { api, errorBox } from '../api.js';
import { hospitals, hospitalName } from '../components.js';

const ADVANCES_EXAMPLE = '{"hospitalCode": "H001", "month": "2024-01", "advance": 1200000.00, "depositWithheld": 36000.00}\n'
  + '{"hospitalCode": "H001", "month": "2024-02", "advance": 1150000.00}';
const ASSESSMENTS_EXAMPLE = '[{"hospitalCode": "H001", "year": 2024, "score": 86.5, "agreedTotal": 150000000.00},\n'
  + ' {"hospitalCode": "H002", "year": 2024, "score": 72}]';

/** The text to send: the chosen file, else the pasted text; JSON when it is an array, else NDJSON. */
async function body(file, text) {
  const content = file.files.length ? await file.files[0].text() : text.value;
  const trimmed = content.replace(/^\uFEFF/, '').trim();
  return { content, type: trimmed.startsWith('[') ? 'application/json' : 'application/x-ndjson' };
}

function importPanel({ id, title, explanation, example, path, result }) {
  const file = h('input', { type: 'file', id: id + '-file', accept: '.ndjson,.jsonl,.json,.txt,application/json,application/x-ndjson' });
  const text = h('textarea', { id: id + '-text', name: id, rows: 6, class: 'mono', spellcheck: 'false', placeholder: example });
  const status = h('div', { 'aria-live': 'polite', id: id + '-result' });
  const submit = h('button', { type: 'submit', class: 'primary', id: id + '-submit' }, '导入');
  const form = h('form', { id: id + '-form', onSubmit: async (e) => {
    e.preventDefault();
    const b = await body(file, text);
    if (!b.content.trim()) { replace(status, h('div', { class: 'alert error', role: 'alert' }, '请选择文件或粘贴数据。')); return; }
    submit.disabled = true;
    replace(status, h('div', { class: 'alert info' }, '正在导入…'));
    try {
      const r = await api(path, { method: 'POST', body: b.content, headers: { 'Content-Type': b.type + '; charset=UTF-8' } });
      replace(status, result(r));
    } catch (err) {
      replace(status, errorBox(err), h('p', { class: 'muted small' }, '整批未导入：请按所列行号和字段改正后重新导入。'));
    }
    submit.disabled = false;
  } },
  h('p', { class: 'muted small' }, explanation),
  field('文件（NDJSON 每行一条，或 JSON 数组）', file),
  field('或粘贴数据', text, { hint: '例如：' }), h('pre', { class: 'example mono' }, example),
  submit, status);
  return h('section', { class: 'panel', id: id }, h('h2', {}, title), form);
}

function advancesResult(r) {
  return h('div', { class: 'alert ok', role: 'status' },
    h('strong', {}, '已导入：新增 ' + r.accepted + ' 条，相同金额跳过 ' + r.skipped + ' 条，更改 ' + r.changed.length + ' 条。'),
    r.changed.length ? table([
      { label: '医院', value: (c) => c.hospitalCode }, { label: '月份', value: (c) => c.month }, { label: '新版本', value: (c) => c.version, class: 'num' },
      { label: '预拨（元）：原 → 新', value: (c) => money(c.before.advance) + ' → ' + money(c.after.advance), class: 'num' },
      { label: '预留保证金（元）：原 → 新', value: (c) => money(c.before.depositWithheld) + ' → ' + money(c.after.depositWithheld), class: 'num' },
    ], r.changed, { className: 'compact' }) : null);
}

function assessmentsResult(r) {
  return h('div', { class: 'alert ok', role: 'status' },
    h('strong', {}, '已导入 ' + r.accepted + ' 个考核分数。'),
    table([
      { label: '医院', value: (g) => g.hospitalCode }, { label: '年度', value: (g) => g.year },
      { label: '分数', value: (g) => String(g.score), class: 'num' }, { label: '等级', value: (g) => g.grade },
      { label: '约定年度总额（元）', value: (g) => (g.agreedTotal !== null && g.agreedTotal !== undefined ? money(g.agreedTotal) : '—'), class: 'num' },
    ], r.grades, { className: 'compact' }));
}

async function versionsTable(hospital, year) {
  const rows = await api('/api/clearing-runs/advances?hospital=' + encodeURIComponent(hospital) + (year ? '&year=' + year : ''));
  return table([
    { label: '月份', value: (v) => v.month },
    { label: '版本', value: (v) => v.version, class: 'num' },
    { label: '预拨（元）', value: (v) => money(v.advance), class: 'num' },
    { label: '预留保证金（元）', value: (v) => money(v.depositWithheld), class: 'num' },
    { label: '实付（元）', value: (v) => money(v.amountPaid), class: 'num' },
    { label: '导入', value: (v) => v.importedBy + ' · ' + dateTime(v.importedAt) },
    { label: '状态', value: (v) => (v.replacedAt ? h('span', { class: 'muted' }, '已被替换（' + v.replacedBy + ' · ' + dateTime(v.replacedAt) + '）') : tag('当前版本，清算采用', 'green')) },
  ], rows, { empty: '该医院' + (year ? year + ' 年' : '') + '没有导入预拨款。', className: 'compact', rowClass: (v) => (v.replacedAt ? 'replaced' : 'current') });
}

export async function render({ session, query, navigate }) {
  const list = await hospitals();
  const hospital = query.get('hospital') || (list[0] && list[0].code) || '';
  const year = query.get('year') || '2024';
  const mayImport = session.has('admin', 'inspector');
  const which = select('hospital', list.map((x) => [x.code, x.code + ' ' + x.name]), hospital, { id: 'advances-hospital' });
  const yearInput = h('input', { type: 'number', name: 'year', id: 'advances-year', value: year, min: 2000, max: 2100, size: 6 });
  const versions = hospital ? await versionsTable(hospital, year) : h('div', { class: 'empty' }, '请选择医院。');
  return h('div', {},
    h('h1', {}, '清算数据导入'),
    h('p', {}, h('a', { href: '#/clearing' }, '← 年终清算'), ' · 导入后重新计算清算草稿即采用新数据；整批数据有任何一条错误则整批不导入。'),
    mayImport ? h('div', { class: 'grid2' },
      importPanel({ id: 'advances', title: '月度预拨款', path: '/api/clearing-runs/advances', example: ADVANCES_EXAMPLE, result: advancesResult,
        explanation: '每条：医院编码 hospitalCode、月份 month（YYYY-MM）、预拨金额 advance，可选预留质量保证金 depositWithheld（缺省按 clearing.depositShare × 预拨）。'
          + '同一医院同一月份再次导入不同金额的，成为新版本，原版本保留。' }),
      importPanel({ id: 'assessments', title: '年度考核分数', path: '/api/clearing-runs/assessments', example: ASSESSMENTS_EXAMPLE, result: assessmentsResult,
        explanation: '每条：医院编码 hospitalCode、年度 year、考核分数 score，可选约定年度总额 agreedTotal（考核扣减按约定总额计算的地区必填）。'
          + '返回各分数对应的考核等级；同一医院同一年度再次导入即替换。' })) : null,
    h('section', { class: 'panel', id: 'advance-versions' }, h('h2', {}, '预拨款版本'),
      h('form', { class: 'filters', onSubmit: (e) => { e.preventDefault(); navigate('/clearing/inputs', { hospital: which.value, year: yearInput.value }); } },
        field('医院', which), field('年度', yearInput), h('button', { type: 'submit', id: 'advances-show' }, '查看')),
      h('p', { class: 'muted small' }, hospital ? hospital + ' ' + hospitalName(list, hospital) + '：每个月份先列出被替换的旧版本（谁、何时替换），最后是清算采用的当前版本。' : ''),
      versions));
}
