// Turns any error into a translated, human sentence (RFC 9457 `reason` → `problem.<reason>`).
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';
import { en } from '../i18n/locales/en.ts';

type Reason = keyof typeof en.problem;
const knownReasons: ReadonlySet<string> = new Set(Object.keys(en.problem));

function isReason(value: string): value is Reason {
  return knownReasons.has(value);
}

type ActionReason = keyof typeof en.actions.problem;
const actionReasons: ReadonlySet<string> = new Set(Object.keys(en.actions.problem));

function isActionReason(value: string): value is ActionReason {
  return actionReasons.has(value);
}

export function problemMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.reason !== 'unexpected' && isReason(error.reason)) return t(`problem.${error.reason}`);
    if (isActionReason(error.reason)) return t(`actions.problem.${error.reason}`);
    // A reason we have no words for yet: the server's own title, else the status.
    if (error.problem?.title !== undefined && error.problem.title !== '') return error.problem.title;
    return t('problem.unexpected', { status: error.status });
  }
  return t('problem.unexpected', { status: 0 });
}

/**
 * A refusal whose problem document names its cause in `field` (as `eventProblem`), said by the
 * `<prefix>.<cause>` message, or as `problemMessage` says it when the cause has no words or the
 * failure is another.
 */
export function namedProblemMessage(
  t: TFunction,
  error: unknown,
  field: string,
  prefix: 'calendar.problem' | 'contacts.problem',
): string {
  const named =
    error instanceof ApiError ? (error.problem as Record<string, unknown> | null)?.[field] : undefined;
  return typeof named === 'string'
    ? t(`${prefix}.${named}`, { defaultValue: problemMessage(t, error) })
    : problemMessage(t, error);
}
