// The notice above a message in Spam (decision 0034): a certified message there is still legally
// delivered (pec-spec §3.5: the delivery receipt attests it), so the holder is warned; every
// message in Spam offers "Not spam", which clears the spam mark and moves it to INBOX.
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/contract.ts';
import { Icon } from '../../ui/Icon.tsx';

export function SpamNotice(props: { message: Message; onNotSpam: () => void }) {
  const { t } = useTranslation();
  const certified = props.message.pecType === 'posta-certificata';
  return (
    <div
      className={`spam-notice${certified ? ' certified' : ''}`}
      role="note"
      aria-label={t('actions.spamNotice')}
    >
      <Icon name="junk" size={18} />
      <p>{certified ? t('actions.spamCertified') : t('actions.spamOrdinary')}</p>
      <button type="button" className="button" onClick={props.onNotSpam}>
        {t('actions.notSpam')}
      </button>
    </div>
  );
}
