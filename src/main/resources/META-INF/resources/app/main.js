// The single-page application: login, the per-role navigation, and a hash router over the pages in pages/.
import { h, replace } from './dom.js';
import { api, credentials, rememberCredentials, forgetCredentials, whenUnauthorized, whenPasswordChangeRequired, errorBox, waitText } from './api.js';
import { ROLES } from './labels.js';

const STAFF = ['admin', 'inspector', 'reviewer', 'policy', 'approver'];
/** Everyone but an expert: experts (专家) see only the special-case declarations assigned to them. */
const NOT_EXPERT = [...STAFF, 'hospital'];
const NAV = [
  { href: '#/', text: '工作台', match: /^\/$/, roles: NOT_EXPERT },
  { href: '#/findings', text: '疑点', match: /^\/(findings|cases)/, roles: NOT_EXPERT },
  { href: '#/campaigns', text: '专项抽查', match: /^\/campaigns/, roles: STAFF },
  { href: '#/reviews', text: '审核队列', match: /^\/reviews/, roles: NOT_EXPERT },
  { href: '#/special-cases', text: '特例单议', match: /^\/special-cases/ },
  { href: '#/clearing', text: '年终清算', match: /^\/clearing/, roles: NOT_EXPERT },
  { href: '#/account', text: '账户', match: /^\/account/ },
];
/** Who sees the rule-base versions (the API's readers). */
const RULE_STAFF = ['admin', 'policy', 'approver', 'inspector'];
const ROUTES = [
  [/^\/$/, () => import('./pages/dashboard.js'), NOT_EXPERT],
  [/^\/findings$/, () => import('./pages/findings.js'), NOT_EXPERT],
  [/^\/findings\/(\d+)$/, () => import('./pages/finding.js'), NOT_EXPERT],
  [/^\/cases\/([^/]+)$/, () => import('./pages/case.js'), NOT_EXPERT],
  [/^\/campaigns$/, () => import('./pages/campaigns.js'), STAFF],
  [/^\/campaigns\/new$/, () => import('./pages/campaign-new.js'), ['admin', 'inspector']],
  [/^\/campaigns\/(\d+)$/, () => import('./pages/campaign.js'), STAFF],
  [/^\/campaigns\/(\d+)\/verify$/, () => import('./pages/campaign-verify.js'), NOT_EXPERT],
  [/^\/reviews$/, () => import('./pages/reviews.js'), NOT_EXPERT],
  [/^\/reviews\/(\d+)$/, () => import('./pages/review.js'), NOT_EXPERT],
  [/^\/special-cases$/, () => import('./pages/special-cases.js')],
  [/^\/special-cases\/(\d+)$/, () => import('./pages/special-case.js')],
  [/^\/clearing$/, () => import('./pages/clearing.js'), NOT_EXPERT],
  [/^\/clearing\/inputs$/, () => import('./pages/clearing-inputs.js'), ['admin', 'inspector', 'reviewer', 'approver']],
  [/^\/clearing\/(\d+)$/, () => import('./pages/clearing-run.js'), NOT_EXPERT],
  [/^\/clearing\/(\d+)\/([A-Za-z0-9_-]+)$/, () => import('./pages/statement.js'), NOT_EXPERT],
  [/^\/rules$/, () => import('./pages/rules.js'), NOT_EXPERT],
  [/^\/rules\/catalogue$/, () => import('./pages/catalogue.js'), NOT_EXPERT],
  [/^\/rules\/([A-Za-z0-9-]+)$/, () => import('./pages/rule.js'), NOT_EXPERT],
  [/^\/rule-versions$/, () => import('./pages/rule-versions.js'), RULE_STAFF],
  [/^\/rule-versions\/diff$/, () => import('./pages/rule-diff.js'), RULE_STAFF],
  [/^\/rule-versions\/(\d+)$/, () => import('./pages/rule-version.js'), RULE_STAFF],
  [/^\/rule-versions\/(\d+)\/backtests\/(\d+)$/, () => import('./pages/backtest.js'), RULE_STAFF],
  [/^\/account(\/password)?$/, () => import('./pages/account.js')],
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
    isExpert: () => s.roles.includes('expert') && !STAFF.some((r) => s.roles.includes(r)) && !s.roles.includes('hospital'),
  };
}

/**
 * Checks the credentials just remembered and answers the session: GET /api/account (who, roles, hospital, and whether
 * the initial password must be changed first: the one call besides the change that such an account may make), and
 * for a hospital user its hospital's name.
 */
export async function signIn() {
  const account = await api('/api/account', { quiet401: true });
  let hospitalName = null;
  if (account.roles.includes('hospital') && account.hospitalCode) {
    hospitalName = await api('/api/hospitals/' + encodeURIComponent(account.hospitalCode)).then((x) => x.name, () => null);
  }
  const s = { username: account.username, roles: account.roles, hospitalCode: account.hospitalCode, hospitalName,
    mustChangePassword: account.mustChangePassword };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  session = withHelpers(s);
  return session;
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
  if (s.mustChangePassword) return '须先修改初始密码';
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
      h('a', { id: 'who-user', href: '#/account', title: '账户与密码' }, session.username),
      h('span', { class: 'role', id: 'who-role' }, roleText(session)),
      h('button', { type: 'button', id: 'logout', onClick: logout }, '退出')));
  if (session.mustChangePassword) { nav.hidden = true; return; }
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
      await signIn();
      const back = sessionStorage.getItem('drgaudit.after-login');
      sessionStorage.removeItem('drgaudit.after-login');
      location.hash = session.mustChangePassword ? '#/account/password' : back && back !== '#/login' ? back : '#/';
    } catch (err) {
      forgetCredentials();
      replace(status, err.status === 401 ? h('div', { class: 'alert error', role: 'alert' }, '用户名或密码不正确，请重新输入。')
        : err.status === 429 ? h('div', { class: 'alert error', role: 'alert', id: 'login-throttled' },
          h('strong', {}, '密码错误次数过多，已暂时锁定。'),
          h('div', {}, '请在 ' + waitText(err.retryAfter) + '后再试。锁定期间即使密码正确也无法登录；再次输错，等待时间加倍。'))
          : errorBox(err));
      button.disabled = false;
      pass.select();
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'login-user' }, '用户名'), user),
  h('div', { class: 'field' }, h('label', { for: 'login-password' }, '密码'), pass),
  status, button,
  h('p', { class: 'muted small' }, '演示账户的密码与用户名相同：inspector、reviewer、policy、approver、admin、h001 … h010、expert、expert2、expert3。'));
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
  if (session.mustChangePassword && path !== '/account/password') { location.hash = '#/account/password'; return; }
  if (path === '/' && session.isExpert()) { location.hash = '#/special-cases'; return; }
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
    const node = await page.render({ params: found.m.slice(1).map(decodeURIComponent), query, session, navigate, refresh: route, signIn });
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

whenPasswordChangeRequired(() => {
  if (!session) return;
  session = withHelpers({ ...session, roles: [], mustChangePassword: true });
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ ...session }));
  location.hash = '#/account/password';
});

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
