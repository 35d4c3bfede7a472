// Handing compose's message to scheduled send (decision 0024), answering the words the toast shows.
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { keys } from '../../api/queries.ts';
import { scheduledApi, scheduledKey } from '../scheduled/scheduled-api.ts';
import { formatInZone } from '../scheduled/zoned-time.ts';
import { fieldsOf, type ComposeForm } from './compose-form.ts';

/** Schedules the message (its draft becomes the scheduled copy); answers "Scheduled for …". */
export async function scheduleMessage(
  client: QueryClient,
  t: TFunction,
  locale: string,
  form: ComposeForm,
  when: { sendAt: Date; timeZone: string },
): Promise<string> {
  const scheduled = await scheduledApi.schedule(fieldsOf(form), form.draftUid, when.sendAt, when.timeZone);
  void client.invalidateQueries({ queryKey: scheduledKey });
  void client.invalidateQueries({ queryKey: keys.folders });
  void client.invalidateQueries({ queryKey: ['messages'] });
  return t('scheduled.scheduledFor', { time: formatInZone(scheduled.sendAt, scheduled.timeZone, locale) });
}
