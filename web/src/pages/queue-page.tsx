import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, type Outcome } from '../../../src/policy/verdict.js';
import { api } from '../api/client.js';
import type { DisclosureDto, DisclosureState, ProductionDto } from '../api/types.js';
import { DisclosureTable } from '../disclosure/disclosure-table.js';
import {
  ageMs,
  QUEUE_STATES,
  type QueueSort,
  sortQueue,
  TARGET_MS,
  targetMs,
} from '../disclosure/turnaround.js';
import { formatDuration, formatNumber } from '../lib/format.js';
import { usePageTitle } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';
import { SelectField } from '../ui/fields.js';

export function QueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('queue.title'));
  const data = useAsync(
    async () => ({
      productions: (await api.productions()).items,
      disclosures: (await api.disclosures()).items,
    }),
    [],
  );
  return (
    <>
      <h1>{t('queue.title')}</h1>
      <p>
        {t('queue.intro', {
          escalate: formatDuration(TARGET_MS.escalate),
          approval: formatDuration(TARGET_MS.approval),
        })}
      </p>
      <AsyncView state={data}>
        {(d) => <Queue productions={d.productions} disclosures={d.disclosures} />}
      </AsyncView>
    </>
  );
}

const ANY = 'any';

function Queue({
  productions,
  disclosures,
}: {
  productions: readonly ProductionDto[];
  disclosures: readonly DisclosureDto[];
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<DisclosureState | typeof ANY>(ANY);
  const [outcome, setOutcome] = useState<Outcome | typeof ANY>(ANY);
  const [production, setProduction] = useState<string>(ANY);
  const [sort, setSort] = useState<QueueSort>('age');
  const now = Date.now();
  const waiting = disclosures.filter(
    (d) =>
      QUEUE_STATES.includes(d.state) &&
      (state === ANY || d.state === state) &&
      (outcome === ANY || d.revision.outcome === outcome) &&
      (production === ANY || d.productionId === production),
  );
  const items = sortQueue(waiting, sort, now);
  return (
    <>
      <form className="filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('queue.filterState')}
          options={[ANY, ...QUEUE_STATES]}
          value={state}
          onChange={setState}
          labelOf={(s) => (s === ANY ? t('queue.any') : t(`state.${s}`))}
        />
        <SelectField
          label={t('queue.filterOutcome')}
          options={[ANY, ...OUTCOMES]}
          value={outcome}
          onChange={setOutcome}
          labelOf={(o) => (o === ANY ? t('queue.any') : t(`outcome.${o}`))}
        />
        <SelectField
          label={t('queue.filterProduction')}
          options={[ANY, ...productions.map((p) => p.id)]}
          value={production}
          onChange={setProduction}
          labelOf={(id) =>
            id === ANY ? t('queue.any') : (productions.find((p) => p.id === id)?.title ?? id)
          }
        />
        <SelectField
          label={t('queue.sort')}
          options={['age', 'outcome'] as const}
          value={sort}
          onChange={setSort}
          labelOf={(s) => (s === 'age' ? t('queue.sortAge') : t('queue.sortOutcome'))}
        />
      </form>
      <p role="status">{t('queue.count', { count: items.length, formatted: formatNumber(items.length) })}</p>
      {items.length === 0 ? (
        <p>{t('queue.empty')}</p>
      ) : (
        <DisclosureTable
          items={items}
          productions={productions}
          caption={t('queue.title')}
          extra={{
            header: t('table.age'),
            cell: (d) => {
              const age = ageMs(d, now);
              const target = targetMs(d.revision.outcome);
              if (target === undefined) return formatDuration(age);
              const late = age > target;
              return (
                <span className={late ? 'late' : 'on-time'}>
                  {formatDuration(age)} —{' '}
                  {late
                    ? t('queue.overdue', { time: formatDuration(age - target) })
                    : t('queue.onTime', { time: formatDuration(target - age) })}
                </span>
              );
            },
          }}
        />
      )}
    </>
  );
}
