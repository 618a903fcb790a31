// 抽样核验: what a hospital needs to check its own part of a draw — the frame hash, the seed, its stratum's hash and
// cases — and a re-draw of its stratum by the service, compared with the sample it was given (docs/sampling.md).
import { h, replace, table, kv, num } from '../dom.js';
import { api, errorBox } from '../api.js';

export async function render({ params, session }) {
  const id = params[0];
  const hospital = session.isHospital() ? session.hospitalCode : null;
  const scope = hospital ? '?hospital=' + hospital : '';
  const [frame, sample] = await Promise.all([api('/api/campaigns/' + id + '/frame' + scope), api('/api/campaigns/' + id + '/sample' + scope)]);
  const own = hospital ? frame.strata.find((s) => s.hospitalCode === hospital) : null;
  const status = h('div', { 'aria-live': 'polite', id: 'redraw-result' });
  const redraw = h('button', { type: 'button', class: 'primary', id: 'redraw', onClick: async () => {
    redraw.disabled = true;
    try {
      const r = await api('/api/campaigns/' + id + '/redraw' + scope, { method: 'POST', body: {} });
      replace(status, h('div', { class: 'alert ' + (r.sameAsStored ? 'ok' : 'error') },
        h('strong', {}, r.sameAsStored ? '重新抽取的结果与已抽样本一致。' : '重新抽取的结果与已抽样本不一致！'),
        h('div', {}, '种子 ' + r.seed + '，随机抽取 ' + r.caseIds.length + ' 例：' + r.caseIds.join('、'))));
    } catch (err) { replace(status, errorBox(err)); }
    redraw.disabled = false;
  } }, '用种子重新抽取' + (hospital ? '本院' : '') + '随机样本并比对');
  return h('div', {},
    h('h1', {}, '抽样核验 · 专项抽查 #' + id),
    h('p', { class: 'muted' }, '抽样框按医院分层，每层哈希为本层病例（病例号、医院、内容哈希）逐行的 SHA-256，各层哈希合并为抽样框哈希；'
      + '同一抽样框和种子总得到同一样本。核验方法与脚本见系统文档 docs/sampling.md。'),
    h('section', { class: 'panel' }, kv([
      ['抽样框哈希', h('span', { class: 'mono', id: 'verify-frame-hash' }, frame.frameHash)],
      ['随机种子', h('span', { class: 'mono' }, String(frame.seed))],
      ['随机抽取比例 / 每院最少', (Number(frame.randomShare) * 100).toFixed(1) + '% / ' + frame.minPerHospital + ' 例'],
      own ? ['本院层哈希', h('span', { class: 'mono', id: 'verify-stratum-hash' }, own.hash)] : undefined,
      ['本层普通病例', num(frame.entries.length) + ' 例'],
    ]), h('div', { class: 'row' }, redraw), status),
    h('section', { class: 'panel' }, h('h2', {}, '各层哈希'), table([
      { label: '医院', value: (s) => s.hospitalCode },
      { label: '层哈希（SHA-256）', value: (s) => h('span', { class: 'mono' }, s.hash) },
    ], frame.strata, { className: 'compact' })),
    h('section', { class: 'panel' }, h('h2', {}, (hospital ? '本院' : '') + '样本（' + sample.length + ' 例）'), table([
      { label: '病例', value: (s) => s.caseId },
      { label: '抽取原因', value: (s) => ({ RANDOM: '随机抽取', VIOLATION: '明确违规', SUSPICIOUS: '可疑疑点' }[s.reason] || s.reason) },
    ], sample, { className: 'compact' })));
}
