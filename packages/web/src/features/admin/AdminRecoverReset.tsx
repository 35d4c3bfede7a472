// /admin/recover/<token>: checks the link first (used or expired → said plainly, with a way to ask
// again), then asks for the new password twice; the reset ends every session of the account and
// revokes its API tokens (decision 0042), so the page leads back to the administrative sign-in.
import { useTranslation } from 'react-i18next';
import { RecoverResetForm, type RecoverResetSettings } from '../recovery/RecoverResetForm.tsx';
import { adminRecoveryApi } from './admin-tokens-api.ts';

const settings: Omit<RecoverResetSettings, 'doneText'> = {
  check: adminRecoveryApi.check,
  reset: async (token, next) => (await adminRecoveryApi.reset(token, next)).email,
  invalidStatuses: [404, 400],
  tooShort: (password) => password.length < 8 || password.trim() === '',
  keys: 'adminAccess.recovery',
  idPrefix: 'admin-recover',
  askAgainPath: '/admin/recover',
  signInPath: '/admin/signin',
};

export function AdminRecoverReset() {
  const { t } = useTranslation();
  return (
    <RecoverResetForm
      settings={{ ...settings, doneText: (email) => t('adminAccess.recovery.done', { email }) }}
    />
  );
}
