// The provider's mark and name.
import { useTranslation } from 'react-i18next';
import { useProvider } from '../api/queries.ts';

export function BrandMark({ size = 32 }: { size?: number }) {
  return <img className="brand-mark" src="/favicon.svg" width={size} height={size} alt="" />;
}

export function ProviderName() {
  const { t } = useTranslation();
  const provider = useProvider();
  return <>{provider.data?.name ?? t('app.name')}</>;
}
