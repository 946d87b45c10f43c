/**
 * A decision's or an end's outcome in the UI language: the built-in processes' outcome codes are
 * named under `outcomes.<code>`; an administrator's own code is shown as written.
 */
import { useTranslation } from 'react-i18next';

export function useOutcomeName(): (outcome: string) => string {
  const { t } = useTranslation();
  return (outcome) => t(`outcomes.${outcome}`, { defaultValue: outcome });
}
