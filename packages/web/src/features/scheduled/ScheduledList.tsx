// The Scheduled screen (/scheduled): the holder's scheduled messages, waiting ones first by due time
// with Cancel (the message stays in Drafts) and Edit (cancel, then reopen it in compose), then the
// finished ones with their outcome — sent, not accepted, refused at the due time (decision 0024).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { Icon } from '../../ui/Icon.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { composeProblemText } from '../compose/compose-problem.ts';
import { scheduledApi, scheduledKey, useScheduled, type ScheduledSend } from './scheduled-api.ts';
import { formatInZone } from './zoned-time.ts';
import '../../styles/security.css';
import '../../styles/scheduled.css';
import { BackTopBar } from '../../ui/BackTopBar.tsx';

const waiting = (s: ScheduledSend) => s.status === 'scheduled' || s.status === 'sending';

function Row(props: { item: ScheduledSend; onCancel?: () => void; onEdit?: () => void }) {
  const { t, i18n } = useTranslation();
  const { item } = props;
  const subject = item.subject === '' ? t('list.noSubject') : item.subject;
  const tone = item.status === 'sent' ? 'tag-ok' : waiting(item) ? 'tag-accent' : 'tag-bad';
  const reason = item.reason === null ? '' : (composeProblemText(t, item.reason) ?? item.reason);
  return (
    <li className="settings-item scheduled-item">
      <div className="settings-item-main">
        <strong>{subject}</strong>
        <span className={`tag ${tone}`}>{t(`scheduled.status.${item.status}`)}</span>
        <span className="meta">
          {t('scheduled.to')} {[...item.to, ...item.cc].join(', ')}
        </span>
        <span className="meta">
          {t('scheduled.sendAt')}{' '}
          <time dateTime={item.sendAt}>{formatInZone(item.sendAt, item.timeZone, i18n.language)}</time>
        </span>
        {item.status === 'not-accepted' && <span className="meta">{t('scheduled.notAcceptedHint')}</span>}
        {item.status === 'refused' && <span className="meta">{t('scheduled.refusedHint', { reason })}</span>}
      </div>
      {props.onCancel !== undefined && (
        <div className="scheduled-actions">
          <button
            type="button"
            className="button"
            aria-label={t('scheduled.editNamed', { subject })}
            onClick={props.onEdit}
          >
            <Icon name="edit" size={18} />
            {t('scheduled.edit')}
          </button>
          <button
            type="button"
            className="button scheduled-cancel"
            aria-label={t('scheduled.cancelNamed', { subject })}
            onClick={props.onCancel}
          >
            <Icon name="close" size={18} />
            {t('scheduled.cancel')}
          </button>
        </div>
      )}
    </li>
  );
}

export function ScheduledList() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const list = useScheduled();
  const [note, setNote] = useState<string | null>(null);
  const items = list.data?.scheduled ?? [];
  const pending = items.filter(waiting);
  const done = items.filter((s) => !waiting(s));

  async function cancel(item: ScheduledSend): Promise<boolean> {
    try {
      await scheduledApi.cancel(item.id);
      setNote(t('scheduled.cancelled'));
      return true;
    } catch (failure) {
      setNote(
        failure instanceof ApiError && failure.status === 409
          ? t('scheduled.tooLate')
          : problemMessage(t, failure),
      );
      return false;
    } finally {
      void client.invalidateQueries({ queryKey: scheduledKey });
      void client.invalidateQueries({ queryKey: keys.folders });
    }
  }

  return (
    <div className="settings-page">
      <BackTopBar backLabel={t('scheduled.back')} />
      <main className="settings-main" aria-labelledby="scheduled-title">
        <h1 id="scheduled-title">{t('scheduled.title')}</h1>
        <p className="hint">{t('scheduled.intro')}</p>
        <p className="scheduled-note" role="status">
          {note}
        </p>
        {list.isError && (
          <p className="alert" role="alert">
            {t('scheduled.loadError')}
          </p>
        )}
        <section className="settings-section" aria-labelledby="scheduled-waiting">
          <h2 id="scheduled-waiting">{t('scheduled.waiting')}</h2>
          {list.isSuccess && pending.length === 0 && <p className="hint">{t('scheduled.empty')}</p>}
          <ul className="settings-list">
            {pending.map((item) => (
              <Row
                key={item.id}
                item={item}
                onCancel={() => void cancel(item)}
                onEdit={() =>
                  void cancel(item).then((ok) => {
                    if (ok) void navigate('/', { state: { editDraft: item.draftUid } });
                  })
                }
              />
            ))}
          </ul>
        </section>
        {done.length > 0 && (
          <section className="settings-section" aria-labelledby="scheduled-finished">
            <h2 id="scheduled-finished">{t('scheduled.finished')}</h2>
            <ul className="settings-list">
              {done.map((item) => (
                <Row key={item.id} item={item} />
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
