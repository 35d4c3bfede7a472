// The compose screen's words for the refusals of sending (docs/refusals.md), beside the general ones
// of ui/problem.ts; null for a reason it has no words of its own for.
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';
import { en } from '../../i18n/locales/en.ts';
import { problemMessage } from '../../ui/problem.ts';

type Reason = keyof typeof en.compose.problem;
const reasons: ReadonlySet<string> = new Set(Object.keys(en.compose.problem));

function isReason(value: string): value is Reason {
  return reasons.has(value);
}

export function composeProblemText(t: TFunction, reason: string): string | null {
  return isReason(reason) ? t(`compose.problem.${reason}`) : null;
}

export interface SendError {
  title: string;
  reasons: string[];
}

/** The alert compose shows for a failed send: translated title, the server's reasons. */
export function sendErrorOf(t: TFunction, error: unknown): SendError {
  if (!(error instanceof ApiError)) return { title: problemMessage(t, error), reasons: [] };
  const extra = error.problem as unknown as { reasons?: unknown; identifier?: unknown } | null;
  const reasons = Array.isArray(extra?.reasons)
    ? extra.reasons.filter((r): r is string => typeof r === 'string')
    : [];
  const identifier = typeof extra?.identifier === 'string' ? extra.identifier : null;
  const title = composeProblemText(t, error.reason) ?? problemMessage(t, error);
  return {
    title: identifier === null ? title : `${title} ${t('compose.notAccepted', { identifier })}`,
    reasons,
  };
}
