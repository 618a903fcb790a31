// The campaign wizard: 1 scope (months, hospitals, groups, families), 2 sampling plan (shares, seed), 3 review and
// create the draft; the draw itself is on the campaign's page, where frame hash and seed are shown.
import { h, replace, field, num } from '../dom.js';
import { api, errorBox } from '../api.js';
import { hospitals, months } from '../components.js';
import * as L from '../labels.js';

function checks(name, options, checked = []) {
  return h('div', { class: 'checks', role: 'group' }, options.map(([v, text]) =>
    h('label', {}, h('input', { type: 'checkbox', name, value: v, checked: checked.includes(v) }), text)));
}

export async function render({ navigate }) {
  const [monthList, hospitalList, params] = await Promise.all([months(), hospitals(), api('/api/knowledge/parameters')]);
  const sampling = (params[0] && params[0].sampling) || {};
  const state = {
    name: '', months: [], hospitalMode: 'all', hospitalLevel: '', hospitalCodes: [], groupPrefixes: '', families: [],
    randomShare: sampling.randomShare !== undefined ? sampling.randomShare * 100 : 5, minPerHospital: sampling.minPerHospital ?? 5,
    maxSuspicious: sampling.maxSuspicious ?? 100, seed: String(Math.floor(Math.random() * 1e9)), extrapolate: false,
  };
  let step = 1;
  const body = h('div');
  const status = h('div', { 'aria-live': 'polite' });

  const readStep1 = (form) => {
    const fd = new FormData(form);
    state.name = (fd.get('name') || '').trim();
    state.months = fd.getAll('months');
    state.hospitalMode = fd.get('hospitalMode');
    state.hospitalLevel = fd.get('hospitalLevel') || '';
    state.hospitalCodes = fd.getAll('hospitalCodes');
    state.groupPrefixes = (fd.get('groupPrefixes') || '').trim();
    state.families = fd.getAll('families');
  };
  const readStep2 = (form) => {
    const fd = new FormData(form);
    state.randomShare = fd.get('randomShare');
    state.minPerHospital = fd.get('minPerHospital');
    state.maxSuspicious = fd.get('maxSuspicious');
    state.seed = (fd.get('seed') || '').trim();
    state.extrapolate = fd.get('extrapolate') === 'on';
  };
  const request = () => ({
    name: state.name,
    months: state.months,
    hospitalLevel: state.hospitalMode === 'level' && state.hospitalLevel ? Number(state.hospitalLevel) : null,
    hospitalCodes: state.hospitalMode === 'list' && state.hospitalCodes.length ? state.hospitalCodes : null,
    groupPrefixes: state.groupPrefixes ? state.groupPrefixes.split(/[\s,，、]+/).filter(Boolean) : null,
    families: state.families.length ? state.families : null,
    randomShare: state.randomShare === '' ? null : Number(state.randomShare) / 100,
    minPerHospital: state.minPerHospital === '' ? null : Number(state.minPerHospital),
    maxSuspicious: state.maxSuspicious === '' ? null : Number(state.maxSuspicious),
    seed: state.seed === '' ? null : Number(state.seed),
    extrapolate: state.extrapolate,
  });
  const stepper = () => h('div', { class: 'steps', 'aria-label': '向导步骤' },
    ['1 抽查范围', '2 抽样方案', '3 确认创建'].map((t, i) => h('span', { class: step === i + 1 ? 'on' : null, 'aria-current': step === i + 1 ? 'step' : null }, t)));

  const show = () => {
    replace(status);
    if (step === 1) {
      const form = h('form', { id: 'wizard-scope', onSubmit: (e) => {
        e.preventDefault();
        readStep1(e.target);
        if (!state.name || !state.months.length) {
          replace(status, h('div', { class: 'alert error', role: 'alert' }, '请填写名称并至少选择一个结算月份。'));
          return;
        }
        step = 2; show();
      } },
      h('fieldset', {}, h('legend', {}, '名称与月份'),
        field('抽查名称', h('input', { name: 'name', value: state.name, required: true, size: 40, placeholder: '例如：2024年3月专项抽查' })),
        h('div', { class: 'field' }, h('span', { class: 'label', id: 'months-label' }, '结算月份（可多选）'),
          h('div', { 'aria-labelledby': 'months-label' }, checks('months', monthList.map((m) => [m, m]), state.months)))),
      h('fieldset', {}, h('legend', {}, '医院'),
        h('div', { class: 'checks', role: 'radiogroup' },
          [['all', '全部医院'], ['level', '按医院级别'], ['list', '指定医院']].map(([v, t]) =>
            h('label', {}, h('input', { type: 'radio', name: 'hospitalMode', value: v, checked: state.hospitalMode === v }), t))),
        field('医院级别', h('select', { name: 'hospitalLevel' }, [['', '—'], ['3', '三级'], ['2', '二级'], ['1', '一级']].map(([v, t]) =>
          h('option', { value: v, selected: state.hospitalLevel === v }, t)))),
        h('div', { class: 'field' }, h('span', { class: 'label' }, '指定医院'),
          checks('hospitalCodes', hospitalList.map((x) => [x.code, x.code + ' ' + x.name]), state.hospitalCodes))),
      h('fieldset', {}, h('legend', {}, '病组与违规类别'),
        field('病组编码前缀', h('input', { name: 'groupPrefixes', value: state.groupPrefixes, size: 40, placeholder: '如 B、BR2、BR21，多个用逗号分隔；不填为全部' })),
        h('div', { class: 'field' }, h('span', { class: 'label' }, '违规类别（不选为全部）'),
          checks('families', Object.entries(L.FAMILIES), state.families))),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'wizard-next' }, '下一步：抽样方案')));
      replace(body, form);
    } else if (step === 2) {
      const seed = h('input', { name: 'seed', value: state.seed, inputmode: 'numeric', pattern: '[0-9]*', size: 20 });
      const form = h('form', { id: 'wizard-plan', onSubmit: (e) => { e.preventDefault(); readStep2(e.target); step = 3; show(); } },
        h('fieldset', {}, h('legend', {}, '随机抽取（按医院分层）'),
          h('div', { class: 'row' },
            field('随机抽取比例（%）', h('input', { name: 'randomShare', type: 'number', min: 0, max: 100, step: 0.1, value: state.randomShare })),
            field('每院最少例数', h('input', { name: 'minPerHospital', type: 'number', min: 0, step: 1, value: state.minPerHospital })))),
        h('fieldset', {}, h('legend', {}, '重点抽取'),
          h('p', { class: 'muted small' }, '所有“明确违规”疑点的病例都会抽取；“可疑”疑点按涉及金额从高到低取前若干个。'),
          field('可疑疑点上限', h('input', { name: 'maxSuspicious', type: 'number', min: 0, step: 1, value: state.maxSuspicious }))),
        h('fieldset', {}, h('legend', {}, '随机种子与外推'),
          h('div', { class: 'row' }, field('随机种子', seed, { hint: '同一抽样框和种子总得到同一样本，医院可据此复核' }),
            h('button', { type: 'button', onClick: () => { seed.value = String(Math.floor(Math.random() * 1e9)); } }, '换一个种子')),
          h('label', {}, h('input', { type: 'checkbox', name: 'extrapolate', checked: state.extrapolate }), ' 结果按随机样本外推到全部普通病例（90% 单侧置信下限）')),
        h('div', { class: 'row' },
          h('button', { type: 'button', onClick: (e) => { readStep2(e.target.form); step = 1; show(); } }, '上一步'),
          h('button', { type: 'submit', class: 'primary', id: 'wizard-next' }, '下一步：确认')));
      replace(body, form);
    } else {
      const r = request();
      const create = h('button', { type: 'button', class: 'primary', id: 'wizard-create', onClick: async () => {
        create.disabled = true;
        try {
          const c = await api('/api/campaigns', { method: 'POST', body: r });
          navigate('/campaigns/' + c.id, { created: '1' });
        } catch (err) { replace(status, errorBox(err)); create.disabled = false; }
      } }, '创建抽查（草稿）');
      replace(body, h('section', { class: 'panel' },
        h('h2', {}, '确认'),
        h('table', { class: 'kv' }, h('tbody', {}, [
          ['名称', r.name], ['结算月份', r.months.join('、')],
          ['医院', r.hospitalLevel ? r.hospitalLevel + ' 级医院' : r.hospitalCodes ? r.hospitalCodes.join('、') : '全部医院'],
          ['病组前缀', r.groupPrefixes ? r.groupPrefixes.join('、') : '全部'],
          ['违规类别', r.families ? r.families.map((f) => L.label(L.FAMILIES, f)).join('、') : '全部'],
          ['随机抽取比例', r.randomShare === null ? '默认' : num(r.randomShare * 100, 1) + '%'],
          ['每院最少', r.minPerHospital ?? '默认'], ['可疑疑点上限', r.maxSuspicious ?? '默认'],
          ['随机种子', r.seed ?? '由系统生成'], ['外推', r.extrapolate ? '是' : '否'],
        ].map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, String(v)))))),
        h('p', { class: 'muted' }, '创建后为草稿，可在抽查页面“抽取样本”：抽样框冻结并计算哈希，随后为每个样本病例建立审核项。'),
        h('div', { class: 'row' }, h('button', { type: 'button', onClick: () => { step = 2; show(); } }, '上一步'), create)));
    }
    replace(stepperHolder, stepper());
  };
  const stepperHolder = h('div');
  show();
  return h('div', {}, h('h1', {}, '新建专项抽查'), stepperHolder, status, h('div', { class: 'panel' }, body));
}
