import { useTranslation } from 'react-i18next';
import { PHASES } from '../../../src/policy/vocabulary.js';
import { api } from '../api/client.js';
import type { DisclosureDto, ProductionDto } from '../api/types.js';
import { BarChart } from '../charts/bar-chart.js';
import {
  approvalTurnarounds,
  byMonth,
  byOutcome,
  byPhase,
  countBy,
  median,
  openConditions,
} from '../charts/stats.js';
import { formatDuration, formatMonth, formatNumber } from '../lib/format.js';
import { usePageTitle } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';

export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('dashboard.title'));
  const data = useAsync(
    async () => ({
      productions: (await api.productions()).items,
      disclosures: (await api.disclosures()).items,
    }),
    [],
  );
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <AsyncView state={data}>
        {(d) => <Charts productions={d.productions} disclosures={d.disclosures} />}
      </AsyncView>
    </>
  );
}

function Charts({
  productions,
  disclosures,
}: {
  productions: readonly ProductionDto[];
  disclosures: readonly DisclosureDto[];
}) {
  const { t } = useTranslation();
  const turnarounds = approvalTurnarounds(disclosures);
  const medianMs = median(turnarounds);
  const conditions = openConditions(disclosures, new Date().toISOString().slice(0, 10));
  const phaseLabel = (p: string) =>
    (PHASES as readonly string[]).includes(p)
      ? t(`vocab.phase.${p as 'development'}`)
      : t('dashboard.unknownPhase');
  const perProduction = countBy(
    disclosures,
    (d) => d.productionId,
    productions.map((p) => p.id),
  );
  return (
    <>
      <p>
        {t('dashboard.total', { count: disclosures.length, formatted: formatNumber(disclosures.length) })}
      </p>
      <div className="stats">
        <section className="card stat" aria-labelledby="turnaround-heading">
          <h2 id="turnaround-heading">{t('dashboard.turnaround')}</h2>
          <p>
            {medianMs === undefined
              ? t('dashboard.noApprovals')
              : t('dashboard.turnaroundValue', {
                  median: formatDuration(medianMs),
                  count: turnarounds.length,
                })}
          </p>
        </section>
        <section className="card stat" aria-labelledby="conditions-heading">
          <h2 id="conditions-heading">{t('dashboard.openConditions')}</h2>
          <p>
            {t('dashboard.openConditionsValue', {
              open: formatNumber(conditions.open),
              overdue: formatNumber(conditions.overdue),
            })}
          </p>
        </section>
      </div>
      <div className="charts">
        <BarChart
          title={t('dashboard.byOutcome')}
          bars={[...byOutcome(disclosures)].map(([o, n]) => ({
            label: t(`outcome.${o}`),
            value: n,
            tone: `tone-${o}`,
          }))}
        />
        <BarChart
          title={t('dashboard.byPhase')}
          bars={[...byPhase(disclosures)].map(([p, n]) => ({ label: phaseLabel(p), value: n }))}
        />
        <BarChart
          title={t('dashboard.byMonth')}
          bars={[...byMonth(disclosures)].map(([m, n]) => ({ label: formatMonth(m), value: n }))}
        />
        <BarChart
          title={t('dashboard.perProduction')}
          bars={[...perProduction].map(([id, n]) => ({
            label: productions.find((p) => p.id === id)?.title ?? id,
            value: n,
          }))}
        />
      </div>
    </>
  );
}
