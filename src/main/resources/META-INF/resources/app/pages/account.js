// 账户: who is signed in, and the password change (POST /api/account/password). Outside the demo an account still on
// its initial password may do nothing else until it has changed it: the router brings it here (#/account/password)
// after login and whenever the service answers 403 "Password change required".
import { h, replace, kv, field } from '../dom.js';
import { api, errorBox, rememberCredentials } from '../api.js';
import * as L from '../labels.js';

const POLICY = '至少 10 个字符，须包含字母、数字、其他字符中的至少两类，不得包含用户名，且不得与当前密码相同。';

export async function render({ session, signIn, navigate }) {
  const forced = !!session.mustChangePassword;
  const status = h('div', { 'aria-live': 'polite', id: 'password-status' });
  const current = h('input', { type: 'password', id: 'current-password', name: 'currentPassword', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', id: 'new-password', name: 'newPassword', autocomplete: 'new-password', required: true, minlength: 10 });
  const again = h('input', { type: 'password', id: 'new-password-again', name: 'newPasswordAgain', autocomplete: 'new-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'change-password' }, forced ? '修改密码并进入系统' : '修改密码');
  const form = h('form', { id: 'password-form', onSubmit: async (e) => {
    e.preventDefault();
    if (next.value !== again.value) {
      replace(status, h('div', { class: 'alert error', role: 'alert' }, '两次输入的新密码不一致，请重新输入。'));
      again.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api('/api/account/password', { method: 'POST', body: { currentPassword: current.value, newPassword: next.value } });
      // the service forgets the old password at once: every later call signs in with the new one
      rememberCredentials(session.username, next.value);
      const s = await signIn();
      if (forced) {
        navigate(s.isExpert() ? '/special-cases' : '/');
        return;
      }
      form.reset();
      replace(status, h('div', { class: 'alert ok', role: 'status' }, '密码已修改。旧密码已失效，下次登录请使用新密码。'));
    } catch (err) {
      replace(status, err.status === 400 && err.problem && Array.isArray(err.problem.errors) && err.problem.errors.some((x) => x.field === 'currentPassword')
        ? h('div', { class: 'alert error', role: 'alert' }, h('strong', {}, '当前密码不正确。'), h('div', {}, err.problem.detail || ''))
        : errorBox(err));
    }
    submit.disabled = false;
  } },
  field('当前密码', current),
  field('新密码', next, { hint: POLICY }),
  field('再次输入新密码', again),
  status, submit);
  return h('div', { class: forced ? 'narrow' : null },
    h('h1', {}, forced ? '修改初始密码' : '账户'),
    forced ? h('div', { class: 'alert info', id: 'forced-change' },
      h('strong', {}, '账户 ' + session.username + ' 仍在使用初始密码（与用户名相同）。'),
      h('div', {}, '为保护医保数据，须先设置新密码，才能使用本系统的其他功能。')) : null,
    forced ? null : h('section', { class: 'panel' }, h('h2', {}, '当前账户'), kv([
      ['用户名', h('span', { id: 'account-user' }, session.username)],
      ['角色', session.roles.map((r) => L.ROLES[r] || r).join('、') || '—'],
      ['所属医院', session.isHospital() ? (session.hospitalName || '') + '（' + session.hospitalCode + '）' : session.hospitalCode || undefined],
    ])),
    h('section', { class: 'panel narrow-form' }, h('h2', {}, '修改密码'),
      h('p', { class: 'muted small' }, '修改后旧密码立即失效；连续输错密码会被暂时锁定（每次加倍，最长 15 分钟）。'), form));
}
