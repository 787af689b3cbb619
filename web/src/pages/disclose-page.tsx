import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { isPartner } from '../lib/roles.js';
import { useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';
import { WizardPage } from '../wizard/wizard-page.js';

export function DisclosePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const productions = useAsync(() => api.productions(), []);
  if (!isPartner(user)) return <p>{t('wizard.notAllowed')}</p>;
  return (
    <AsyncView state={productions}>
      {({ items }) =>
        items.length === 0 ? <p>{t('wizard.noProductions')}</p> : <WizardPage productions={items} />
      }
    </AsyncView>
  );
}

export function RevisePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const data = useAsync(
    async () => ({ productions: (await api.productions()).items, disclosure: await api.disclosure(id) }),
    [id],
  );
  if (!isPartner(user)) return <p>{t('wizard.notAllowed')}</p>;
  return (
    <AsyncView state={data}>
      {(d) => <WizardPage productions={d.productions} revising={d.disclosure} />}
    </AsyncView>
  );
}
