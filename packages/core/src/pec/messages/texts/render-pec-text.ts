/**
 * Renders a `PecText` as the two bodies of the multipart/alternative text part (pec-spec §3.0):
 * plain text, and HTML with the same content that references nothing (no images, styles, links or
 * scripts). Both use LF line breaks here; the quoted-printable encoder writes them as CRLF. The HTML
 * writes characters outside ISO-8859-1 as numeric references, so nothing is lost there.
 */
import type { PecText } from './pec-text.ts';

export function renderPlainText(text: PecText): string {
  const blocks = text.blocks.map((block) => ('paragraph' in block ? block.paragraph : block.list.join('\n')));
  return [text.title, ...blocks].join('\n\n') + '\n';
}

/** What the HTML body must escape: the markup characters, and anything outside ISO-8859-1. */
const needsEscape = /[&<>"]|[^\0-\xff]/gu;

function escapeCharacter(char: string): string {
  if (char === '&') return '&amp;';
  if (char === '<') return '&lt;';
  if (char === '>') return '&gt;';
  if (char === '"') return '&quot;';
  return `&#${char.codePointAt(0) ?? 0};`;
}

/** One native pass over the text instead of a string rebuilt character by character. */
function escapeHtml(value: string): string {
  return value.replace(needsEscape, escapeCharacter);
}

export function renderHtmlText(text: PecText): string {
  const title = escapeHtml(text.title);
  const body = text.blocks.map((block) =>
    'paragraph' in block
      ? `<p>${escapeHtml(block.paragraph)}</p>`
      : `<ul>\n${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="it">',
    '<head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    `<title>${title}</title>`,
    '</head>',
    '<body>',
    `<h3>${title}</h3>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
