/**
 * A message's HTML part as its own document (html-body-routes.ts): sanitised by DOMPurify (over a
 * jsdom window), the sender's styles, forms, scripts and embedded objects dropped, links opened in
 * a new tab without referrer. Remote content (images and other URL-bearing attributes that are not
 * data: images) is dropped unless the holder asked for it; the document's own Content Security
 * Policy enforces the same choice in the browser, so a sanitiser miss still loads nothing.
 */
import createDOMPurify, { type WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';

const urlAttributes = new Set(['src', 'srcset', 'background', 'poster', 'xlink:href']);
const remoteUrl = /^\s*(https?:)?\/\//i;

// jsdom's window is the DOM DOMPurify expects (its own documentation's server set-up).
const purify = createDOMPurify(new JSDOM('').window as WindowLike);
/** Set for the length of one sanitize() call (DOMPurify hooks are global to the instance). */
let allowRemote = false;

purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (!urlAttributes.has(data.attrName)) return;
  const value = data.attrValue.trim();
  if (value.startsWith('data:image/')) return;
  // Only http(s) images when asked; any other scheme (cid:, file:, javascript:…) never.
  if (!(allowRemote && remoteUrl.test(value))) data.keepAttr = false;
});
/** The part of a DOM element the hook uses (the server's types have no DOM library). */
interface LinkElement {
  readonly tagName: string;
  setAttribute(name: string, value: string): void;
}

purify.addHook('afterSanitizeAttributes', (node: unknown) => {
  const element = node as LinkElement;
  if (element.tagName === 'A') {
    element.setAttribute('target', '_blank');
    element.setAttribute('rel', 'noopener noreferrer');
  }
});

/** True when the HTML names remote content (an http(s) or protocol-relative URL in a loading attribute). */
export function hasRemoteContent(html: string): boolean {
  return /\s(src|srcset|background|poster)\s*=\s*["']?\s*(https?:)?\/\//i.test(html);
}

/** The Content-Security-Policy of the document: no script, no form, images from data: (and the web when asked). */
export function mailHtmlPolicy(remote: boolean): string {
  return [
    'sandbox',
    "default-src 'none'",
    "style-src 'self'",
    `img-src data:${remote ? ' https: http:' : ''}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export function mailHtmlDocument(html: string, options: { remote: boolean; dark: boolean }): string {
  allowRemote = options.remote;
  let body: string;
  try {
    body = purify.sanitize(html, {
      FORBID_TAGS: [
        'style',
        'form',
        'input',
        'button',
        'textarea',
        'select',
        'svg',
        'math',
        'link',
        'meta',
        'base',
      ],
      FORBID_ATTR: ['style'],
      ALLOW_DATA_ATTR: false,
    });
  } finally {
    allowRemote = false;
  }
  return (
    `<!doctype html><html data-theme="${options.dark ? 'dark' : 'light'}"><head><meta charset="utf-8">` +
    `<meta name="referrer" content="no-referrer"><link rel="stylesheet" href="/mail-frame.css"></head>` +
    `<body>${body}</body></html>`
  );
}
