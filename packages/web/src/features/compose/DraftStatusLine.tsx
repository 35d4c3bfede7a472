// The draft's state in the compose header (saving, saved at a time, failed), announced politely.
import { useTranslation } from 'react-i18next';

export type DraftStatus =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error' };

export function DraftStatusLine(props: { draft: DraftStatus }) {
  const { t, i18n } = useTranslation();
  const { draft } = props;
  return (
    <span className="draft-status" role="status">
      {draft.kind === 'saving' && t('compose.draftSaving')}
      {draft.kind === 'saved' &&
        t('compose.draftSaved', {
          time: draft.at.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }),
        })}
      {draft.kind === 'error' && t('compose.draftError')}
    </span>
  );
}
