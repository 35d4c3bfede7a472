/**
 * The RFC 5256 §2.1 base subject, used by SORT SUBJECT and both THREAD algorithms: encoded words
 * decoded, white space collapsed, `Re:` / `Fwd:` leaders, `[blob]` prefixes, `(fwd)` trailers and
 * `[fwd: ...]` wrappers removed. Also says whether anything removed marks a reply or forward,
 * which THREAD=REFERENCES needs (RFC 5256 §2.1, step 5 of §4 REFERENCES).
 */
import { decodeEncodedWords } from '@pec/core';

export interface BaseSubject {
  /** The base subject text (case kept; compare with `subjectCollationKey`). */
  readonly text: string;
  /** True when a `re`/`fw`/`fwd` leader, a `(fwd)` trailer or a `[fwd: ]` wrapper was removed. */
  readonly isReplyOrForward: boolean;
}

const trailer = /(?:\(fwd\)|[ \t])$/i;
const refwdLeader = /^(?:\[[^[\]]*\][ \t]*)*(?:re|fwd?)[ \t]*(?:\[[^[\]]*\][ \t]*)?:/i;
const blobPrefix = /^\[[^[\]]*\][ \t]*/;

export function baseSubject(subject: string | null): BaseSubject {
  // Step 1: decode, unfold and collapse white space.
  let text = decodeEncodedWords(subject ?? '')
    .replace(/\r?\n/g, '')
    .replace(/[ \t]+/g, ' ');
  let isReplyOrForward = false;
  for (;;) {
    // Step 2: trailers.
    for (let match = trailer.exec(text); match !== null; match = trailer.exec(text)) {
      if (match[0].length > 1) isReplyOrForward = true;
      text = text.slice(0, text.length - match[0].length);
    }
    // Steps 3–5: leaders and blobs until neither applies.
    for (;;) {
      const leader = refwdLeader.exec(text);
      if (leader !== null) {
        isReplyOrForward = true;
        text = text.slice(leader[0].length);
        continue;
      }
      if (text.startsWith(' ')) {
        text = text.slice(1);
        continue;
      }
      const blob = blobPrefix.exec(text);
      if (blob !== null && text.slice(blob[0].length).trim() !== '') {
        text = text.slice(blob[0].length);
        continue;
      }
      break;
    }
    // Step 6: a `[fwd: ... ]` wrapper, then start again from step 2.
    if (text.length >= 6 && text.slice(0, 5).toLowerCase() === '[fwd:' && text.endsWith(']')) {
      text = text.slice(5, -1);
      isReplyOrForward = true;
      continue;
    }
    return { text, isReplyOrForward };
  }
}

/**
 * Comparison key for subjects and addresses: upper case as i;ascii-casemap (RFC 4790 §9.2) folds,
 * after the compatibility decomposition of i;unicode-casemap (RFC 5051), as Dovecot compares.
 */
export function subjectCollationKey(text: string): string {
  return text.normalize('NFKD').toUpperCase();
}
