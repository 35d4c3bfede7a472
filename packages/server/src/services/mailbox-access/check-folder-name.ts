/**
 * The folder names the service accepts (RFC 9051 §5.1 leaves the rules to the server; these follow
 * Dovecot's defaults): non-empty levels separated by `/`, no wildcards `%` `*`, no control
 * characters, at most 255 characters and 16 levels. INBOX is matched case-insensitively.
 */
import { folderDelimiter, inboxName } from '../../ports/mailbox-store.ts';
import { MailboxAccessError } from './mailbox-access-error.ts';

const maxNameLength = 255;
const maxDepth = 16;

/** `inbox` in any case becomes `INBOX`, also as the first level of a longer name. */
export function canonicalFolderName(name: string): string {
  const first = name.split(folderDelimiter, 1)[0] ?? '';
  return first.toUpperCase() === inboxName ? inboxName + name.slice(first.length) : name;
}

/** Canonical form of a name to create or rename to; throws `invalid-folder-name`. A trailing delimiter is dropped. */
export function checkFolderName(name: string): string {
  const trimmed = name.endsWith(folderDelimiter) ? name.slice(0, -1) : name;
  const levels = trimmed.split(folderDelimiter);
  const problem =
    trimmed === ''
      ? 'empty name'
      : trimmed.length > maxNameLength
        ? 'name too long'
        : levels.length > maxDepth
          ? 'too many levels'
          : levels.some((level) => level === '')
            ? 'empty hierarchy level'
            : /[%*]/.test(trimmed)
              ? 'wildcards are not allowed in names'
              : /\p{Cc}/u.test(trimmed)
                ? 'control characters are not allowed in names'
                : null;
  if (problem !== null) throw new MailboxAccessError({ reason: 'invalid-folder-name', problem });
  return canonicalFolderName(trimmed);
}

/** The names of the parents of `name`, outermost first (`a/b/c` → `a`, `a/b`). */
export function parentFolderNames(name: string): string[] {
  const levels = name.split(folderDelimiter);
  return levels.slice(1).map((_, index) => levels.slice(0, index + 1).join(folderDelimiter));
}
