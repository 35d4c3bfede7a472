// A failed request said in words (`problemMessage`), as the alert line under a form or a list.
import { useTranslation } from 'react-i18next';
import { problemMessage } from './problem.ts';

export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <p className="alert" role="alert">
      {problemMessage(t, error)}
    </p>
  );
}
