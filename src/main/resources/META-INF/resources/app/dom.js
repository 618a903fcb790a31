// Small DOM helpers: every text goes in as a text node, so nothing the API returns is ever parsed as HTML.

/** An element with attributes/properties and children (strings, nodes, arrays; null and false are skipped). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('zh-CN');

/** Money in yuan with two decimals and thousands separators; '—' when absent. */
export function money(v) {
  if (v === null || v === undefined || v === '') return '—';
  return yuan.format(Number(v));
}

export function num(v, digits) {
  if (v === null || v === undefined) return '—';
  return digits === undefined ? count.format(v) : Number(v).toFixed(digits);
}

export function pct(v, digits = 1) {
  if (v === null || v === undefined) return '—';
  return (Number(v) * 100).toFixed(digits) + '%';
}

/** A date-time from the API (ISO, UTC or local) shown in the browser's time zone, to the minute. */
export function dateTime(v) {
  if (!v) return '—';
  const d = new Date(v);
  if (isNaN(d)) return String(v);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A local date-time of a case (no zone) as written, to the minute. */
export function localTime(v) {
  return v ? String(v).replace('T', ' ').slice(0, 16) : '—';
}

export function date(v) {
  return v ? String(dateTime(v)).slice(0, 10) : '—';
}

/** Route link. */
export function link(href, ...children) {
  return h('a', { href }, ...children);
}

/**
 * A table from column definitions [{label, value: row => node|text, class}] and rows; an empty text when none.
 * rowClass (row => class) marks rows, e.g. by kind.
 */
export function table(columns, rows, { empty = '暂无数据', caption, className, rowClass } = {}) {
  if (!rows || rows.length === 0) return h('div', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', { class: className || null },
      caption ? h('caption', { class: 'muted small' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.class || null, scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', { class: rowClass ? rowClass(r) : null }, columns.map((c) => h('td', { class: c.class || null }, c.value(r))))))));
}

/** A two-column key/value table from [label, value] pairs (pairs with an undefined value are left out). */
export function kv(pairs, className = 'kv') {
  return h('table', { class: className }, h('tbody', {},
    pairs.filter((p) => p && p[1] !== undefined).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v ?? '—')))));
}

export function tag(text, color) {
  return h('span', { class: 'tag' + (color ? ' ' + color : '') }, text);
}

/** A labelled form control: the label's for= points at the control's id. */
let seq = 0;
export function field(label, control, { hint, className } = {}) {
  if (!control.id) control.id = 'f' + (++seq);
  return h('div', { class: 'field' + (className ? ' ' + className : '') },
    h('label', { for: control.id }, label), control, hint ? h('span', { class: 'muted small' }, hint) : null);
}

export function select(name, options, value, props = {}) {
  return h('select', { name, ...props }, options.map(([v, text]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, text)));
}

/** Saves a blob under a file name (the browser's download). */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, hidden: true });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 60000);
}
