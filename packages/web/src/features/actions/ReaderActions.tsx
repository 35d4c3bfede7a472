// The open message's actions in the reader's toolbar (unread, flag, move, delete, download .eml),
// and the read mark set when a message is opened (as every mail client does; IMAP sees it too),
// at once or after the delay the holder chose in Options.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { rawMessageUrl } from '../../api/actions.ts';
import type { MessageSummary } from '../../api/contract.ts';
import { Icon } from '../../ui/Icon.tsx';
import { usePreferences } from '../settings/preferences-api.tsx';
import { ToolButton } from './ActionToolbar.tsx';
import type { MailboxActionsController } from './useMailboxActions.tsx';

export function ReaderActions(props: {
  folderId: string;
  message: MessageSummary | undefined;
  controller: MailboxActionsController;
  /** The security archive (decision 0035): read-only, deletable only when the holder allowed it. */
  archive?: { deletable: boolean };
}) {
  const { t } = useTranslation();
  const { folderId, message, controller, archive } = props;
  const marked = useRef<string | null>(null);
  const key = message === undefined ? null : `${folderId}/${String(message.uid)}`;
  const unseen = message !== undefined && !message.flags.includes('seen');
  // The holder's option (decision 0025): at once, after a few seconds open, or never.
  const options = usePreferences().data;
  const delay = options === undefined ? 0 : options.markReadAfterSeconds;
  useEffect(() => {
    // Once per opening: "mark unread" afterwards must stick.
    if (key === null || marked.current === key) return undefined;
    if (!unseen || delay === null || archive !== undefined) {
      marked.current = key;
      return undefined;
    }
    const mark = () => {
      marked.current = key;
      controller.mark({ folderId, uids: [message.uid] }, { seen: true }, true);
    };
    if (delay === 0) {
      mark();
      return undefined;
    }
    const timer = setTimeout(mark, delay * 1000);
    return () => {
      clearTimeout(timer);
    };
  }, [key, unseen, message, folderId, controller, delay, archive]);
  if (message === undefined) return null;
  const selection = { folderId, uids: [message.uid] };
  const download = (
    <a
      className="icon-button"
      href={rawMessageUrl(folderId, message.uid)}
      download
      title={t('actions.download')}
    >
      <Icon name="download" />
      <span className="visually-hidden">{t('actions.download')}</span>
    </a>
  );
  if (archive !== undefined)
    return (
      <div className="reader-actions" role="toolbar" aria-label={t('actions.toolbar')}>
        {archive.deletable && (
          <ToolButton
            icon="trash"
            label={t('securityArchive.delete')}
            onClick={() => {
              controller.removeArchived(selection);
            }}
          />
        )}
        {download}
      </div>
    );
  const seen = message.flags.includes('seen');
  const flagged = message.flags.includes('flagged');
  return (
    <div className="reader-actions" role="toolbar" aria-label={t('actions.toolbar')}>
      <ToolButton
        icon={seen ? 'mail' : 'mailOpen'}
        label={seen ? t('actions.markUnread') : t('actions.markRead')}
        onClick={() => {
          controller.mark(selection, { seen: !seen });
        }}
      />
      <ToolButton
        icon={flagged ? 'flagOff' : 'flag'}
        label={flagged ? t('actions.unflag') : t('actions.flag')}
        onClick={() => {
          controller.mark(selection, { flagged: !flagged });
        }}
      />
      <ToolButton
        icon="move"
        label={t('actions.move')}
        onClick={() => {
          controller.requestMove(selection);
        }}
      />
      <ToolButton
        icon="trash"
        label={t('actions.delete')}
        onClick={() => {
          controller.remove(selection);
        }}
      />
      {download}
    </div>
  );
}
