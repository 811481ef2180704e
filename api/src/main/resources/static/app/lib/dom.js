// Small DOM helpers shared by every screen: h() builds elements, status() shows a message in a live region.

/**
 * h('button', { class: 'primary', onclick: fn, 'aria-label': '…' }, 'Text', childNode) → an element.
 * Props: class, text (textContent), html is not offered on purpose (no innerHTML with data), on<event> handlers,
 * dataset (object), style (a string or an object, set through el.style), anything else as an attribute
 * (false/null/undefined omitted, true as an empty attribute).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    // style through the CSSOM: the app's Content-Security-Policy (style-src 'self') refuses style attributes.
    else if (key === 'style') { if (typeof value === 'string') el.style.cssText = value; else Object.assign(el.style, value); }
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in el) el.value = value;
    else if (key === 'checked' || key === 'selected' || key === 'disabled') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of an element. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A status line (role=status, polite); kind 'error' makes it an alert. */
export function status(el, message, kind) {
  el.textContent = message || '';
  el.className = 'status' + (kind ? ' ' + kind : '');
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.hidden = !message;
}

/** A labelled form field: label text, then the control; returns the label element. */
export function field(labelText, control, hint) {
  const id = control.id || (control.id = 'f-' + Math.random().toString(36).slice(2, 9));
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), control,
    hint ? h('small', { class: 'hint', id: id + '-hint' }, hint) : null);
}

/** A select from [{value, label}]; selected value preselected. */
export function select(options, selected, props) {
  return h('select', props || {}, options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(selected) }, o.label)));
}
