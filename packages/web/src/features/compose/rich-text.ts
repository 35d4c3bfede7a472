// The rich-text body's safe subset and its conversions: what the editor may hold (paragraphs,
// bold, italic, underline, lists, links, quotes; never images or remote content), the plain-text
// rendering sent beside it in multipart/alternative (RFC 2046 §5.1.4), and plain text turned into
// the editor's HTML when the holder switches modes.
import DOMPurify from 'dompurify';

const allowedTags = ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'a', 'blockquote'];

/** An instance of our own: the reader's hooks (lib/sanitize.ts) are not for what the holder writes. */
let purifier: ReturnType<typeof DOMPurify> | undefined;

/**
 * Only the subset the editor makes: no images, styles, scripts or remote content of any kind.
 * style="…" is dropped before parsing, as the reader does, so parsing a paste does not trip our own
 * `style-src 'self'`; DOMPurify still forbids every attribute but href.
 */
export function sanitizeRichText(html: string): string {
  purifier ??= DOMPurify(window);
  const withoutStyle = html.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  return purifier.sanitize(withoutStyle, {
    ALLOWED_TAGS: allowedTags,
    ALLOWED_ATTR: ['href'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** Plain text as paragraphs; lines quoted with "> " become a blockquote. */
export function plainToHtml(text: string): string {
  const out: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length > 0) out.push(`<blockquote>${plainToHtml(quote.join('\n'))}</blockquote>`);
    quote = [];
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^>\s?/.test(line)) {
      quote.push(line.replace(/^>\s?/, ''));
      continue;
    }
    flushQuote();
    out.push(line === '' ? '<p></p>' : `<p>${escapeHtml(line)}</p>`);
  }
  flushQuote();
  return out.join('');
}

function inline(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/\s+/g, ' ');
  if (!(node instanceof HTMLElement)) return '';
  const tag = node.tagName.toLowerCase();
  if (tag === 'br') return '\n';
  const inner = Array.from(node.childNodes, inline).join('');
  if (tag === 'a') {
    const href = node.getAttribute('href') ?? '';
    const target = href.replace(/^mailto:/i, '');
    return href === '' || target === inner ? inner : `${inner} <${target}>`;
  }
  return inner;
}

function blocks(parent: Node, prefix: string): string[] {
  const out: string[] = [];
  let line = '';
  const flush = () => {
    if (line.trim() !== '') out.push(prefix + line.trim());
    line = '';
  };
  for (const node of Array.from(parent.childNodes)) {
    const tag = node instanceof HTMLElement ? node.tagName.toLowerCase() : '';
    if (tag === 'p') {
      flush();
      out.push(
        ...inline(node)
          .split('\n')
          .map((l) => prefix + l.trim()),
        prefix.trimEnd(),
      );
    } else if (tag === 'ul' || tag === 'ol') {
      flush();
      Array.from(node.childNodes)
        .filter((li) => li instanceof HTMLElement)
        .forEach((li, index) => {
          const marker = tag === 'ol' ? `${String(index + 1)}. ` : '- ';
          const [first = '', ...rest] = blocks(li, '').filter((l) => l !== '');
          out.push(prefix + marker + first, ...rest.map((l) => `${prefix}   ${l}`));
        });
      out.push(prefix.trimEnd());
    } else if (tag === 'blockquote') {
      flush();
      out.push(...blocks(node, `${prefix}> `), prefix.trimEnd());
    } else {
      line += inline(node);
    }
  }
  flush();
  return out;
}

/** The plain rendering of the editor's HTML: lists with markers, quotes with "> ", links with their address. */
export function htmlToPlain(html: string): string {
  const doc = new DOMParser().parseFromString(sanitizeRichText(html), 'text/html');
  return blocks(doc.body, '')
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether the editor holds nothing worth keeping. */
export function isBlankHtml(html: string): boolean {
  return htmlToPlain(html) === '';
}

const formatKey = 'pec.compose.format';

/** The holder's saved choice: rich text unless they chose plain text. */
export function preferredFormat(): 'rich' | 'plain' {
  try {
    return localStorage.getItem(formatKey) === 'plain' ? 'plain' : 'rich';
  } catch {
    return 'rich';
  }
}

export function savePreferredFormat(format: 'rich' | 'plain'): void {
  try {
    localStorage.setItem(formatKey, format);
  } catch {
    // Private mode: the choice lasts for this message only.
  }
}
