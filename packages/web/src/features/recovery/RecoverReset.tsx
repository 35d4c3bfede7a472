// /recover/<token>: checks the link first, then asks for the new password twice; once set, every
// session of the box (this browser's too) is gone, so the page leads back to the sign-in screen.
import { useTranslation } from 'react-i18next';
import { recoveryApi } from './recovery-api.ts';
import { RecoverResetForm, type RecoverResetSettings } from './RecoverResetForm.tsx';

const settings: Omit<RecoverResetSettings, 'doneText'> = {
  check: recoveryApi.check,
  reset: async (token, next) => (await recoveryApi.reset(token, next)).address,
  invalidStatuses: [404],
  tooShort: (password) => Array.from(password).length < 8,
  keys: 'recovery',
  idPrefix: 'recover',
  askAgainPath: '/recover',
  signInPath: '/signin',
};

export function RecoverReset() {
  const { t } = useTranslation();
  return (
    <RecoverResetForm settings={{ ...settings, doneText: (address) => t('recovery.done', { address }) }} />
  );
}
