// Words of the compose sheet computed from its state: its title for the mode, the size problem.
import type { TFunction } from 'i18next';
import { formatSize } from '../../i18n/format.ts';
import type { SizeProblem } from './compose-form.ts';

export function composeTitle(t: TFunction, mode: 'new' | 'reply' | 'forward' | 'draft'): string {
  if (mode === 'reply') return t('compose.titleReply');
  if (mode === 'forward') return t('compose.titleForward');
  return mode === 'draft' ? t('composeMore.titleDraft') : t('compose.title');
}

export function sizeText(t: TFunction, locale: string, problem: SizeProblem): string {
  const limit = formatSize(problem.limitBytes, locale);
  return problem.kind === 'message'
    ? t('compose.errors.tooLarge', { limit })
    : t('compose.errors.tooLargeRecipients', { count: problem.recipients, limit });
}
