// One campaign: scope and plan, the draw (frame hash and seed), the sample per hospital, the strata hashes,
// results per hospital (error rate, interval, extrapolation), Excel export and closing.
import { h, replace, money, num, pct, table, link, kv, dateTime, tag, saveBlob } from '../dom.js';
import { api, errorBox, download } from '../api.js';
import { hospitals, hospitalName } from '../components.js';
import * as L from '../labels.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function render({ params, query, session, refresh }) {
  const id = params[0];
  const c = await api('/api/campaigns/' + id);
  const drawn = c.status !== 'DRAFT';
  const [hospitalList, sample, frame, results] = await Promise.all([hospitals(),
    drawn ? api('/api/campaigns/' + id + '/sample') : [],
    drawn ? api('/api/campaigns/' + id + '/frame') : null,
    drawn ? api('/api/campaigns/' + id + '/results') : null]);
  const status = h('div', { 'aria-live': 'polite' },
    query.get('created') ? h('div', { class: 'alert ok' }, '抽查已创建为草稿。核对范围与方案后点击“抽取样本”。') : null,
    query.get('drawn') ? h('div', { class: 'alert ok' }, '样本已抽取：抽样框已冻结，每个样本病例已进入初审。') : null);
  const inspector = session.has('admin', 'inspector');

  const actions = h('div', { class: 'row' });
  if (c.status === 'DRAFT' && inspector) {
    const draw = h('button', { type: 'button', class: 'primary', id: 'draw', onClick: async () => {
      draw.disabled = true;
      try {
        await api('/api/campaigns/' + id + '/draw', { method: 'POST' });
        location.hash = '#/campaigns/' + id + '?drawn=1';
      } catch (err) { replace(status, errorBox(err)); draw.disabled = false; }
    } }, '抽取样本');
    actions.append(draw);
  }
  if (drawn) {
    actions.append(h('a', { class: 'button', href: '#/reviews?campaign=' + id }, '审核队列'));
    actions.append(h('a', { class: 'button', href: '#/campaigns/' + id + '/verify' }, '抽样核验'));
    actions.append(h('button', { type: 'button', id: 'export', onClick: async () => {
      try {
        const f = await download('/api/campaigns/' + id + '/export', XLSX);
        saveBlob(f.blob, f.name || 'campaign-' + id + '.xlsx');
      } catch (err) { replace(status, errorBox(err)); }
    } }, '导出 Excel'));
  }
  if (drawn && c.status !== 'CLOSED' && inspector) {
    const close = async (confirmOpen) => {
      try {
        await api('/api/campaigns/' + id + '/close' + (confirmOpen ? '?confirmOpen=true' : ''), { method: 'POST' });
        refresh();
      } catch (err) {
        if (err.status === 409 && err.problem.openItems) {
          replace(status, h('div', { class: 'alert error', role: 'alert' },
            h('strong', {}, '还有 ' + err.problem.openItems + ' / ' + err.problem.totalItems + ' 个审核项未办结。'),
            h('div', {}, Object.entries(err.problem.openBySteps || {}).map(([s, n]) => L.label(L.STEPS, s) + ' ' + n + ' 项').join('，')),
            h('div', {}, '关闭后这些审核项停在当前环节，不再变化。'),
            h('button', { type: 'button', class: 'danger', onClick: () => close(true) }, '仍然关闭')));
        } else replace(status, errorBox(err));
      }
    };
    actions.append(h('button', { type: 'button', class: 'danger', onClick: () => close(false) }, '关闭抽查'));
  }

  const info = h('section', { class: 'panel' }, h('h2', {}, '范围与方案'), kv([
    ['状态', tag(L.label(L.CAMPAIGN_STATUS, c.status), 'blue')],
    ['结算月份', c.months.join('、')],
    ['医院', c.hospitalLevel ? c.hospitalLevel + ' 级医院' : c.hospitalCodes ? c.hospitalCodes.join('、') : '全部医院'],
    ['病组前缀', c.groupPrefixes ? c.groupPrefixes.join('、') : '全部'],
    ['违规类别', c.families ? c.families.map((f) => L.label(L.FAMILIES, f)).join('、') : '全部'],
    ['随机抽取', pct(c.randomShare) + '，每院至少 ' + c.minPerHospital + ' 例'],
    ['可疑疑点上限', c.maxSuspicious],
    ['随机种子', h('span', { class: 'mono', id: 'seed' }, String(c.seed))],
    ['外推', c.extrapolate ? '是（90% 单侧置信下限）' : '否'],
    ['抽样框哈希（SHA-256）', c.frameHash ? h('span', { class: 'mono', id: 'frame-hash' }, c.frameHash) : '未抽样'],
    ['抽样框病例数', c.frameSize !== undefined ? num(c.frameSize) : undefined],
    ['创建', c.createdBy + ' · ' + dateTime(c.createdAt)],
    ['抽样', c.drawnBy ? c.drawnBy + ' · ' + dateTime(c.drawnAt) : undefined],
    ['关闭', c.closedBy ? c.closedBy + ' · ' + dateTime(c.closedAt) + (c.openItemsAtClose ? '（' + c.openItemsAtClose + ' 项未办结）' : '') : undefined],
  ]));

  const byHospital = {};
  sample.forEach((s) => { (byHospital[s.hospitalCode] ||= []).push(s); });
  const samplePanel = drawn ? h('section', { class: 'panel', id: 'sample' }, h('h2', {}, '样本（' + sample.length + ' 例）'),
    table([
      { label: '医院', value: ([code]) => code + ' ' + hospitalName(hospitalList, code) },
      { label: '随机抽取', value: ([, rows]) => rows.filter((r) => r.reason === 'RANDOM').length, class: 'num' },
      { label: '明确违规', value: ([, rows]) => rows.filter((r) => r.reason === 'VIOLATION').length, class: 'num' },
      { label: '可疑疑点', value: ([, rows]) => rows.filter((r) => r.reason === 'SUSPICIOUS').length, class: 'num' },
      { label: '涉及金额（元）', value: ([, rows]) => money(rows.reduce((a, r) => a + Number(r.amountAtStake || 0), 0)), class: 'num' },
    ], Object.entries(byHospital)),
    h('details', {}, h('summary', {}, '逐例查看'), table([
      { label: '病例', value: (s) => link('#/cases/' + encodeURIComponent(s.caseId), s.caseId) },
      { label: '医院', value: (s) => s.hospitalCode },
      { label: '抽取原因', value: (s) => L.label(L.SAMPLE_REASONS, s.reason) },
      { label: '疑点', value: (s) => (s.findingIds || []).map((f, i) => [i ? '、' : '', link('#/findings/' + f, '#' + f)]) },
      { label: '涉及金额（元）', value: (s) => money(s.amountAtStake), class: 'num' },
    ], sample, { className: 'compact' }))) : null;

  const strataPanel = frame ? h('section', { class: 'panel', id: 'strata' }, h('h2', {}, '分层哈希'),
    h('p', { class: 'muted small' }, '每家医院的抽样框为一层；各层哈希合并为抽样框哈希。医院可用本院病例与种子复核本院的随机样本。'),
    table([
      { label: '医院', value: (s) => s.hospitalCode },
      { label: '普通病例数', value: (s) => (s.size === undefined ? '—' : num(s.size)), class: 'num' },
      { label: '层哈希（SHA-256）', value: (s) => h('span', { class: 'mono' }, s.hash) },
    ], frame.strata, { className: 'compact' })) : null;

  const resultsPanel = results ? h('section', { class: 'panel', id: 'results' }, h('h2', {}, '结果'),
    table([
      { label: '医院', value: (r) => r.hospitalCode + ' ' + hospitalName(hospitalList, r.hospitalCode) },
      { label: '普通病例', value: (r) => num(r.ordinaryCases), class: 'num' },
      { label: '随机样本', value: (r) => num(r.randomSampled), class: 'num' },
      { label: '已处理', value: (r) => num(r.randomDecided), class: 'num' },
      { label: '违规', value: (r) => num(r.randomErrors), class: 'num' },
      { label: '差错率', value: (r) => pct(r.errorRate), class: 'num' },
      { label: '95% 置信区间', value: (r) => (r.errorRateLow95 === null || r.errorRateLow95 === undefined ? '—' : pct(r.errorRateLow95) + ' – ' + pct(r.errorRateHigh95)), class: 'num' },
      { label: '认定金额（元）', value: (r) => money(r.confirmedAmount), class: 'num' },
      { label: '外推点估计（元）', value: (r) => (r.extrapolation ? money(r.extrapolation.pointEstimate) : '—'), class: 'num' },
      { label: '外推 90% 下限（元）', value: (r) => (r.extrapolation ? money(r.extrapolation.lowerBound90) : '—'), class: 'num' },
    ], results.hospitals, { empty: '尚无结果' }),
    h('p', {}, '认定金额合计 ', h('b', {}, money(results.confirmedAmount)), ' 元',
      results.extrapolatedTotal ? '；外推合计下限 ' + money(results.extrapolatedTotal.lowerBound90) + ' 元' : ''),
    h('h3', {}, '规则准确率'),
    table([
      { label: '规则', value: (r) => link('#/rules/' + r.ruleId, r.ruleId) },
      { label: '已处理', value: (r) => r.decided, class: 'num' },
      { label: '认定', value: (r) => r.confirmed, class: 'num' },
      { label: '准确率', value: (r) => pct(r.precision), class: 'num' },
    ], results.rules, { empty: '尚无处理完毕的疑点' })) : null;

  return h('div', {},
    h('h1', {}, '专项抽查 #' + c.id + ' ' + c.name),
    status, h('div', { class: 'panel' }, actions),
    info, samplePanel, resultsPanel, strataPanel);
}
