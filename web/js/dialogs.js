// The header's Share link, Embed and Export dialogs.
import { h, uniqueId, copyText } from './dom.js';
import { icon } from './icons.js';

/** Escapes text for use inside a double-quoted HTML attribute of a snippet we hand out. */
export function escapeAttribute(text) {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The self-sizing snippet: a placeholder and web/embed.js from the same site, which creates
 * the iframe and keeps it as tall as the lab's content (the page asks for that with
 * autoheight=1 and posts its height, see frame_height.js).
 */
export function scriptSnippet(url, title, scriptUrl) {
  const src = new URL(url);
  src.searchParams.set('autoheight', '1');
  return (
    `<div data-vilab-src="${escapeAttribute(src.href)}" data-vilab-title="${escapeAttribute(title)}"></div>\n` +
    `<script src="${escapeAttribute(scriptUrl)}" defer></script>`
  );
}

export function iframeSnippet(url, title) {
  return `<iframe src="${escapeAttribute(url)}" width="900" height="600" title="${escapeAttribute(title)}" loading="lazy" style="border:0"></iframe>`;
}

function modal(titleText, intro) {
  const titleId = uniqueId('dialog-title');
  const body = h('div', { className: 'dialog-body' });
  const close = h('button', {
    className: 'dialog-close',
    text: 'Close',
    attrs: { type: 'button' },
  });
  const dialog = h('dialog', { className: 'modal', attrs: { 'aria-labelledby': titleId } }, [
    h('h2', { text: titleText, attrs: { id: titleId } }),
    h('p', { className: 'dialog-intro', text: intro }),
    body,
    h('div', { className: 'dialog-actions' }, [close]),
  ]);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.body.append(dialog);
  // Focus goes to Close when the dialog opens (by script, not the autofocus attribute, which
  // a cross-origin frame blocks with a console error).
  return { dialog, body, close };
}

function copyBlock(multiline, testId) {
  const field = multiline
    ? h('textarea', {
        attrs: {
          readonly: true,
          rows: 4,
          spellcheck: 'false',
          'data-testid': testId,
          'aria-label': 'Snippet to copy',
        },
      })
    : h('input', {
        attrs: {
          type: 'text',
          readonly: true,
          'data-testid': testId,
          'aria-label': 'Link to copy',
        },
      });
  const status = h('span', { className: 'copy-status', attrs: { role: 'status' } });
  const button = h(
    'button',
    {
      className: 'primary',
      attrs: { type: 'button' },
      on: {
        click: async () => {
          const ok = await copyText(field.value, field);
          status.textContent = ok ? 'Copied.' : 'Selected: press Ctrl+C (⌘C) to copy.';
        },
      },
    },
    [h('span', { text: 'Copy' })],
  );
  field.addEventListener('focus', () => field.select());
  return {
    node: h('div', { className: 'copy-block' }, [
      field,
      h('div', { className: 'copy-row' }, [button, status]),
    ]),
    field,
    status,
  };
}

/**
 * getShareUrl(), getEmbedUrl() and getTitle() read the current state; getExports() lists
 * [{label, run}] actions. Returns {openShare, openEmbed, openExport}.
 */
export function createDialogs({ getShareUrl, getEmbedUrl, getTitle, getExports }) {
  const share = modal(
    'Share this lab',
    'This link opens the lab with the current settings and seed, so others see the same run.',
  );
  const shareCopy = copyBlock(false, 'share-url');
  share.body.append(shareCopy.node);

  const embed = modal(
    'Embed in a course page',
    'Paste this into a web page. The embedded view shows the plots and the play controls, with a link to the full lab. The small script from this site creates the frame and keeps it as tall as the lab, at any width.',
  );
  const embedCopy = copyBlock(true, 'embed-script');
  const frameCopy = copyBlock(true, 'embed-snippet');
  embed.body.append(
    embedCopy.node,
    h('p', {
      className: 'dialog-intro',
      text: 'Where scripts are not allowed (some learning platforms), a plain frame of fixed size; labs taller than the frame scroll inside it:',
    }),
    frameCopy.node,
  );

  const exporter = modal(
    'Export',
    'Download the plots as PNG images, the training history as CSV, or the settings with the current metrics as JSON.',
  );
  const exportList = h('ul', { className: 'export-list' });
  exporter.body.append(exportList);

  function open({ dialog, close }, block, value) {
    if (block) {
      block.field.value = value;
      block.status.textContent = '';
    }
    dialog.showModal();
    close.focus();
  }

  return {
    openShare: () => open(share, shareCopy, getShareUrl()),
    openEmbed: () => {
      const url = getEmbedUrl();
      frameCopy.field.value = iframeSnippet(url, getTitle());
      frameCopy.status.textContent = '';
      open(embed, embedCopy, scriptSnippet(url, getTitle(), new URL('embed.js', url).href));
    },
    openExport: () => {
      exportList.replaceChildren(
        ...getExports().map(({ label, run }) =>
          h('li', {}, [
            h('button', { attrs: { type: 'button' }, on: { click: run } }, [
              icon('download', 18),
              h('span', { text: label }),
            ]),
          ]),
        ),
      );
      open(exporter, null);
    },
  };
}
