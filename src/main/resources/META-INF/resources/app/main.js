// The single-page application: login, the per-role navigation, and a hash router over the pages in pages/.
import { h, replace } from './dom.js';
import { api, credentials, rememberCredentials, forgetCredentials, whenUnauthorized, errorBox } from './api.js';
import { ROLES } from './labels.js';

const STAFF = ['admin', 'inspector', 'reviewer', 'policy', 'approver'];
const NAV = [
  { href: '#/', text: '工作台', match: /^\/$/ },
  { href: '#/findings', text: '疑点', match: /^\/(findings|cases)/ },
  { href: '#/campaigns', text: '专项抽查', match: /^\/campaigns/, roles: STAFF },
  { href: '#/reviews', text: '审核队列', match: /^\/reviews/ },
  { href: '#/clearing', text: '年终清算', match: /^\/clearing/ },
  { href: '#/rules', text: '规则库', match: /^\/rules/ },
];
const ROUTES = [
  [/^\/$/, () => import('./pages/dashboard.js')],
  [/^\/findings$/, () => import('./pages/findings.js')],
  [/^\/findings\/(\d+)$/, () => import('./pages/finding.js')],
  [/^\/cases\/([^/]+)$/, () => import('./pages/case.js')],
  [/^\/campaigns$/, () => import('./pages/campaigns.js'), STAFF],
  [/^\/campaigns\/new$/, () => import('./pages/campaign-new.js'), ['admin', 'inspector']],
  [/^\/campaigns\/(\d+)$/, () => import('./pages/campaign.js'), STAFF],
  [/^\/campaigns\/(\d+)\/verify$/, () => import('./pages/campaign-verify.js')],
  [/^\/reviews$/, () => import('./pages/reviews.js')],
  [/^\/reviews\/(\d+)$/, () => import('./pages/review.js')],
  [/^\/clearing$/, () => import('./pages/clearing.js')],
  [/^\/clearing\/(\d+)$/, () => import('./pages/clearing-run.js')],
  [/^\/clearing\/(\d+)\/([A-Za-z0-9_-]+)$/, () => import('./pages/statement.js')],
  [/^\/rules$/, () => import('./pages/rules.js')],
  [/^\/rules\/catalogue$/, () => import('./pages/catalogue.js')],
  [/^\/rules\/([A-Za-z0-9-]+)$/, () => import('./pages/rule.js')],
];

const SESSION_KEY = 'drgaudit.session';
let session = null;
const main = document.getElementById('main');

/** The signed-in user: {username, roles, hospitalCode, hospitalName}, with helpers. */
function withHelpers(s) {
  return {
    ...s,
    has: (...roles) => roles.some((r) => s.roles.includes(r)),
    isHospital: () => s.roles.includes('hospital'),
    isStaff: () => STAFF.some((r) => s.roles.includes(r)),
  };
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(qs || '') };
}

/** Goes to a route; query is an object whose empty values are left out. */
export function navigate(path, query) {
  const qs = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v !== null && v !== undefined)).toString() : '';
  const target = '#' + path + (qs ? '?' + qs : '');
  if (location.hash === target) route(); else location.hash = target;
}

function roleText(s) {
  const names = s.roles.map((r) => ROLES[r] || r).join('、');
  return s.isHospital() ? (s.hospitalName || s.hospitalCode) + ' · ' + names : names;
}

function renderChrome(path) {
  const top = document.getElementById('topbar');
  const nav = document.getElementById('sidenav');
  if (!session) { top.hidden = true; nav.hidden = true; return; }
  top.hidden = false; nav.hidden = false;
  replace(top,
    h('span', { class: 'brand' }, 'DRG 医保支付监管稽核'),
    h('span', { class: 'who' },
      h('span', { id: 'who-user' }, session.username),
      h('span', { class: 'role', id: 'who-role' }, roleText(session)),
      h('button', { type: 'button', id: 'logout', onClick: logout }, '退出')));
  replace(nav, NAV.filter((n) => !n.roles || session.has(...n.roles)).map((n) =>
    h('a', { href: n.href, class: n.match.test(path) ? 'active' : null, 'aria-current': n.match.test(path) ? 'page' : null }, n.text)));
}

function logout() {
  forgetCredentials();
  sessionStorage.removeItem(SESSION_KEY);
  session = null;
  location.hash = '#/login';
}

function loginPage(message) {
  renderChrome('/login');
  document.title = '登录 · DRG 医保支付监管稽核';
  const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('div', { 'aria-live': 'polite' }, message ? h('div', { class: 'alert info' }, message) : null);
  const button = h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, '登录');
  const form = h('form', { class: 'panel', onSubmit: async (e) => {
    e.preventDefault();
    button.disabled = true;
    replace(status);
    rememberCredentials(user.value.trim(), pass.value);
    try {
      const s = await api('/api/ui/session', { quiet401: true });
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
      session = withHelpers(s);
      const back = sessionStorage.getItem('drgaudit.after-login');
      sessionStorage.removeItem('drgaudit.after-login');
      location.hash = back && back !== '#/login' ? back : '#/';
    } catch (err) {
      forgetCredentials();
      replace(status, err.status === 401 ? h('div', { class: 'alert error', role: 'alert' }, '用户名或密码不正确，请重新输入。') : errorBox(err));
      button.disabled = false;
      pass.select();
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'login-user' }, '用户名'), user),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, '密码'), pass),
  status, button,
  h('p', { class: 'muted small' }, '演示账户的密码与用户名相同：inspector、reviewer、policy、approver、admin、h001 … h010。'));
  replace(main, h('div', { class: 'login' }, h('h1', {}, 'DRG 医保支付监管稽核'), form));
  main.dataset.ready = 'true';
  user.focus();
}

async function route() {
  const { path, query } = parseHash();
  if (path === '/login' || !credentials() || !session) {
    if (path !== '/login' && location.hash) sessionStorage.setItem('drgaudit.after-login', location.hash);
    if (path !== '/login') { location.hash = '#/login'; return; }
    loginPage();
    return;
  }
  renderChrome(path);
  const found = ROUTES.map(([re, load, roles]) => ({ m: re.exec(path), load, roles })).find((r) => r.m);
  if (!found) {
    replace(main, h('h1', {}, '页面不存在'), h('p', {}, '地址 ', h('code', {}, path), ' 没有对应的页面。'), h('a', { href: '#/' }, '回到工作台'));
    main.dataset.ready = 'true';
    return;
  }
  if (found.roles && !session.has(...found.roles)) {
    replace(main, h('h1', {}, '无权访问'), h('div', { class: 'alert error' }, '您的角色（' + roleText(session) + '）不能使用此页面。'));
    main.dataset.ready = 'true';
    return;
  }
  const token = Symbol('render');
  route.current = token;
  main.dataset.ready = 'false';
  replace(main, h('p', { class: 'loading' }, '正在加载…'));
  try {
    const page = await found.load();
    const node = await page.render({ params: found.m.slice(1).map(decodeURIComponent), query, session, navigate, refresh: route });
    if (route.current !== token) return;
    replace(main, node);
    const title = main.querySelector('h1');
    document.title = (title ? title.textContent + ' · ' : '') + 'DRG 医保支付监管稽核';
    main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  } catch (err) {
    if (route.current !== token) return;
    replace(main, h('h1', {}, '无法显示此页面'), errorBox(err), h('p', {}, h('a', { href: '#/' }, '回到工作台')));
  }
  // marks a finished page for anyone waiting on it (the browser tests)
  main.dataset.ready = 'true';
}

whenUnauthorized(() => {
  forgetCredentials();
  sessionStorage.removeItem(SESSION_KEY);
  session = null;
  loginPage('登录已失效，请重新登录。');
});

async function start() {
  const saved = sessionStorage.getItem(SESSION_KEY);
  if (credentials() && saved) {
    session = withHelpers(JSON.parse(saved));
  }
  window.addEventListener('hashchange', route);
  await route();
}

start();
