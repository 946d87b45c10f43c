/** Shown in a document's command bar, where save and publish would be, to a user who may only read it. */
import { useTranslation } from 'react-i18next';

export function ReadOnlyBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge" data-testid="read-only">
      {t('access.readOnly')}
    </span>
  );
}
