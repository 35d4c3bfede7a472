// HTML mail, sanitised with DOMPurify (one named configuration) before it goes into a sandboxed frame
// with no scripts. Remote content is blocked: URL-bearing attributes are dropped unless data: images.
import DOMPurify from 'dompurify';

const urlAttributes = ['src', 'srcset', 'background', 'poster', 'xlink:href'];

let hooked = false;
function hook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (urlAttributes.includes(data.attrName) && !data.attrValue.startsWith('data:image/')) {
      data.keepAttr = false;
    }
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/**
 * Drops style="…" before DOMPurify parses the HTML: parsing it in our document would trip our own
 * `style-src 'self'` (a blocked, reported violation). Not a security boundary: DOMPurify still
 * forbids the attribute; this only keeps the CSP reports meaningful.
 */
function withoutStyleAttributes(html: string): string {
  return html.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
}

/** A full document for the frame's srcdoc, styled only by our own stylesheet. */
export function sanitizedMailDocument(html: string, dark: boolean): string {
  hook();
  const body = DOMPurify.sanitize(withoutStyleAttributes(html), {
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
  return `<!doctype html><html data-theme="${dark ? 'dark' : 'light'}"><head><meta charset="utf-8"><link rel="stylesheet" href="/mail-frame.css"></head><body>${body}</body></html>`;
}
