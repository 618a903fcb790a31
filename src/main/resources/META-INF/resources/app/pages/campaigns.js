// 专项抽查: the campaigns, newest first, and the way into the wizard.
import { h, table, link, dateTime, tag, num } from '../dom.js';
import { api } from '../api.js';
import * as L from '../labels.js';

export async function render({ session }) {
  const list = await api('/api/campaigns');
  return h('div', {},
    h('div', { class: 'row' }, h('h1', {}, '专项抽查'), h('span', { class: 'spacer' }),
      session.has('admin', 'inspector') ? h('a', { class: 'button primary', href: '#/campaigns/new', id: 'new-campaign' }, '新建专项抽查') : null),
    h('section', { class: 'panel' }, table([
      { label: '编号', value: (c) => '#' + c.id },
      { label: '名称', value: (c) => link('#/campaigns/' + c.id, c.name) },
      { label: '状态', value: (c) => tag(L.label(L.CAMPAIGN_STATUS, c.status), c.status === 'CLOSED' ? null : 'blue') },
      { label: '结算月份', value: (c) => c.months.join('、') },
      { label: '范围', value: (c) => [c.hospitalLevel ? c.hospitalLevel + ' 级医院' : null, c.hospitalCodes ? c.hospitalCodes.join('、') : null,
        c.groupPrefixes ? '病组 ' + c.groupPrefixes.join('、') : null, c.families ? c.families.map((f) => L.label(L.FAMILIES, f)).join('、') : null]
        .filter(Boolean).join('；') || '全部' },
      { label: '抽样框', value: (c) => (c.frameSize !== undefined ? num(c.frameSize) + ' 例' : '未抽样'), class: 'num' },
      { label: '种子', value: (c) => h('span', { class: 'mono' }, String(c.seed)) },
      { label: '创建', value: (c) => c.createdBy + ' · ' + dateTime(c.createdAt) },
    ], list, { empty: '还没有专项抽查。稽核人员可以点击“新建专项抽查”。' })));
}
