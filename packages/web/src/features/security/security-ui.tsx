// Small pieces the security screens share: failures in words, an alert line, a form field's text.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { problemMessage } from '../../ui/problem.ts';

/** A form field's text ('' when absent or a file). */
export function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** A failure in words: a wrong code or password said as such, anything else as the app says it. */
export function useFailure() {
  const { t } = useTranslation();
  return (error: unknown, wrong: 'security.wrongCode' | 'security.wrongPassword') =>
    error instanceof ApiError && error.status === 401 && error.reason === 'invalid-credentials'
      ? t(wrong)
      : error instanceof ApiError && error.status === 409 && error.problem?.detail !== undefined
        ? error.problem.detail
        : problemMessage(t, error);
}

export function Alert({ text, kind = 'alert' }: { text: string | null; kind?: 'alert' | 'status' }) {
  if (text === null) return null;
  return (
    <p className={kind === 'alert' ? 'alert' : 'notice'} role={kind}>
      {text}
    </p>
  );
}
