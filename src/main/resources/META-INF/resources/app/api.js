// Calls the service's REST API with the signed-in user's HTTP Basic credentials (kept for this browser tab only,
// in sessionStorage) and turns problem+json answers into errors the page shows in plain words.
import { h } from './dom.js';

const KEY = 'drgaudit.basic';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
    /** Seconds to wait (Retry-After of a 429 or 503), when the service said. */
    this.retryAfter = retryAfter;
  }

  /** The account must change its initial password before anything else (docs/operations.md, "Logins"). */
  get passwordChangeRequired() {
    return this.status === 403 && this.problem.title === 'Password change required';
  }
}

/** A wait in plain words: 「45 秒」, 「约 3 分钟」. */
export function waitText(seconds) {
  const s = Number(seconds);
  if (!Number.isFinite(s) || s <= 0) return '片刻';
  return s < 90 ? Math.ceil(s) + ' 秒' : '约 ' + Math.ceil(s / 60) + ' 分钟';
}

export function credentials() {
  return sessionStorage.getItem(KEY);
}

export function rememberCredentials(user, password) {
  // btoa needs Latin-1: encode the UTF-8 bytes first so that any password works
  const bytes = new TextEncoder().encode(user + ':' + password);
  sessionStorage.setItem(KEY, btoa(String.fromCharCode(...bytes)));
}

export function forgetCredentials() {
  sessionStorage.removeItem(KEY);
}

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

let onPasswordChangeRequired = () => {};
/** What to do when the service refuses a call until the account's initial password is changed. */
export function whenPasswordChangeRequired(fn) { onPasswordChangeRequired = fn; }

/**
 * fetch() against the API. body: an object (sent as JSON), a Blob/File (sent as is with its type) or a string.
 * Answers parsed JSON, text, or the Response itself with {raw: true}.
 */
export async function api(path, { method = 'GET', body, headers = {}, raw = false, quiet401 = false } = {}) {
  const h2 = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...headers };
  const auth = credentials();
  if (auth) h2.Authorization = 'Basic ' + auth;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob) && typeof body !== 'string') {
    h2['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, { method, headers: h2, body: payload });
  } catch (e) {
    throw new ApiError(0, { title: '网络错误', detail: '无法连接服务（' + e.message + '）。请确认服务仍在运行后重试。' });
  }
  if (!res.ok) {
    let problem;
    const type = res.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try { problem = await res.json(); } catch { problem = {}; }
    } else {
      problem = { detail: (await res.text()).slice(0, 500) };
    }
    const retry = Number(res.headers.get('Retry-After'));
    const err = new ApiError(res.status, problem, Number.isFinite(retry) && retry > 0 ? retry : undefined);
    if (res.status === 401 && !quiet401) onUnauthorized(err);
    if (err.passwordChangeRequired && !quiet401) onPasswordChangeRequired(err);
    throw err;
  }
  if (raw) return res;
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

const HEADLINES = {
  0: '无法连接服务', 400: '请求有误，请检查填写的内容', 401: '未登录或密码错误', 403: '没有权限执行此操作', 404: '未找到',
  409: '当前状态不允许此操作', 413: '文件过大', 422: '无法处理', 429: '尝试过于频繁，请稍后再试', 500: '服务内部错误', 503: '服务暂不可用',
};

/** An error box: a Chinese headline for the status, the API's own detail, and each located fault. */
export function errorBox(err) {
  const p = err instanceof ApiError ? err.problem : { detail: String(err && err.message || err) };
  const status = err instanceof ApiError ? err.status : null;
  const headline = HEADLINES[status] || (status ? '操作未完成（HTTP ' + status + '）' : '操作未完成');
  const faults = Array.isArray(p.errors) ? p.errors.slice(0, 20) : [];
  const wait = err instanceof ApiError && err.retryAfter ? h('div', { class: 'retry-after' }, '请在 ' + waitText(err.retryAfter) + '后再试。') : null;
  return h('div', { class: 'alert error', role: 'alert' },
    h('strong', {}, headline), wait, p.detail ? h('div', {}, p.detail) : null,
    faults.length ? h('ul', {}, faults.map((e) => h('li', {},
      [e.file, e.line ? '第 ' + e.line + ' 行' : null, e.column ? '第 ' + e.column + ' 列' : null, e.field].filter(Boolean).join(' · ')
        + (e.message ? '：' + e.message : '')))) : null,
    (p.errors || []).length > 20 ? h('div', { class: 'muted small' }, '另有 ' + (p.errors.length - 20) + ' 处错误未列出。') : null,
    p.instance ? h('div', { class: 'muted small' }, '接口：' + p.instance) : null);
}

/** Downloads an API file with the user's credentials and hands back the blob and its file name. */
export async function download(path, accept) {
  const res = await api(path, { raw: true, headers: accept ? { Accept: accept } : {} });
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') || '';
  let name = null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) name = decodeURIComponent(star[1]);
  else { const plain = /filename="([^"]+)"/i.exec(cd); if (plain) name = plain[1]; }
  return { blob, name, sha256: res.headers.get('X-Content-SHA256') };
}
