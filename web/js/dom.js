// Small DOM helpers. Text always goes in through textContent, never as markup.

/**
 * h('button', {className: 'x', text: 'Play', attrs: {type: 'button'}, on: {click}}, [children])
 */
export function h(tag, { className, text, attrs, on } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value == null) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [event, handler] of Object.entries(on ?? {})) node.addEventListener(event, handler);
  node.append(...children.filter((child) => child != null));
  return node;
}

/** A document-unique id with a readable prefix (random, so this module keeps no counter). */
export function uniqueId(prefix) {
  for (;;) {
    const id = `${prefix}-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`;
    if (!document.getElementById(id)) return id;
  }
}

/** Saves a Blob under a file name through a temporary object URL. */
export function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { attrs: { href: url, download: fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies text to the clipboard, falling back to selecting it in `field` for manual copy. */
export async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return false;
  }
}
