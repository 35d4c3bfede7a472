/**
 * RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text, as found in subjects, display
 * names and (against the rules, but commonly) quoted file names. Adjacent encoded words separated
 * only by white space are joined (§6.2), and their bytes are concatenated before charset decoding
 * so a multi-byte character split across words survives. Malformed words are left as written.
 */
import { decodeCharset, normalizeCharset } from './decode-charset.ts';
import { decodeBase64 } from './decode-transfer-encoding.ts';

const encodedWord = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

interface DecodedWord {
  readonly start: number;
  readonly end: number;
  readonly charset: string;
  readonly bytes: Uint8Array;
}

function decodeQ(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '_') {
      bytes.push(0x20);
    } else if (ch === '=' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}

function decodeWord(encoding: string, text: string): Uint8Array | undefined {
  if (encoding === 'q' || encoding === 'Q') return decodeQ(text);
  if (!/^[A-Za-z0-9+/]*=*$/.test(text)) return undefined;
  return decodeBase64(new TextEncoder().encode(text));
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  const words: DecodedWord[] = [];
  for (const match of value.matchAll(encodedWord)) {
    const bytes = decodeWord(match[2] ?? 'q', match[3] ?? '');
    if (bytes === undefined) continue;
    words.push({
      start: match.index,
      end: match.index + match[0].length,
      charset: normalizeCharset(match[1]),
      bytes,
    });
  }
  if (words.length === 0) return value;
  let out = '';
  let cursor = 0;
  let run: DecodedWord[] = [];
  const flushRun = (): void => {
    // Consecutive words of one charset are decoded together.
    let i = 0;
    while (i < run.length) {
      const charset = run[i]?.charset ?? '';
      const chunks: Uint8Array[] = [];
      while (i < run.length && run[i]?.charset === charset) chunks.push(run[i++]?.bytes ?? new Uint8Array());
      out += decodeCharset(concat(chunks), charset === '' ? undefined : charset);
    }
    run = [];
  };
  for (const word of words) {
    const gap = value.slice(cursor, word.start);
    if (run.length > 0 && /^[ \t\r\n]*$/.test(gap)) {
      run.push(word);
    } else {
      flushRun();
      out += gap;
      run.push(word);
    }
    cursor = word.end;
  }
  flushRun();
  return out + value.slice(cursor);
}
