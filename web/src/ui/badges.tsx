import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../../src/policy/verdict.js';
import type { DisclosureState } from '../api/types.js';

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  return <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>;
}

export function StateBadge({ state }: { state: DisclosureState }) {
  const { t } = useTranslation();
  return <span className={`badge state state-${state}`}>{t(`state.${state}`)}</span>;
}
