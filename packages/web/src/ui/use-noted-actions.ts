// The note line of a list's actions (import, delete): each action's outcome in words, its own
// sentence or the failure as `problemMessage` says it, and the list refreshed either way.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from './problem.ts';

export function useNotedActions(refresh: () => void) {
  const { t } = useTranslation();
  const [note, setNote] = useState<string | null>(null);
  /** Runs `action` (resolving to the sentence to show); `onFailure` undoes what a failure leaves. */
  async function run(action: () => Promise<string>, onFailure?: () => void): Promise<void> {
    try {
      setNote(await action());
    } catch (failure) {
      setNote(problemMessage(t, failure));
      onFailure?.();
    } finally {
      refresh();
    }
  }
  return { note, setNote, run };
}
