import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { ProductionDto, ScanDto } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';
import { SelectField } from '../ui/fields.js';
import { type ParseResult, parseScanReport } from './parse-scan.js';

/**
 * The scans stored for one production (GET /api/productions/{id}/scans). Opening one reads
 * its reconciled report and hands it to the same view as a file, checked by the same parser.
 */
export function StoredScans({ onOpen }: { onOpen: (result: ParseResult) => void }) {
  const { t } = useTranslation();
  const productions = useAsync(() => api.productions(), []);
  return (
    <section aria-labelledby="stored-scans" className="card">
      <h2 id="stored-scans">{t('scan.stored')}</h2>
      <p>{t('scan.storedIntro')}</p>
      <AsyncView state={productions}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('scan.noScans')}</p>
          ) : (
            <ProductionScans productions={items} onOpen={onOpen} />
          )
        }
      </AsyncView>
    </section>
  );
}

function ProductionScans({
  productions,
  onOpen,
}: {
  productions: readonly ProductionDto[];
  onOpen: (result: ParseResult) => void;
}) {
  const { t } = useTranslation();
  const [productionId, setProductionId] = useState(productions[0]?.id ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const scans = useAsync(() => api.scans(productionId), [productionId]);
  const titleOf = new Map(productions.map((p) => [p.id, p.title]));
  const open = async (scan: ScanDto) => {
    setProblem(null);
    try {
      const detail = await api.scan(scan.id);
      if (detail.status === 'failed') setProblem(t('scan.failed', { error: detail.error ?? '' }));
      else if (detail.report === null || detail.report === undefined) setProblem(t('scan.notReady'));
      else onOpen(parseScanReport(JSON.stringify(detail.report)));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <SelectField
        label={t('scan.production')}
        options={productions.map((p) => p.id)}
        value={productionId}
        onChange={setProductionId}
        labelOf={(id) => titleOf.get(id) ?? id}
      />
      <AsyncView state={scans}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('scan.noScans')}</p>
          ) : (
            <table data-testid="stored-scans">
              <caption className="visually-hidden">{t('scan.stored')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scan.created')}</th>
                  <th scope="col">{t('scan.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('scan.open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((scan) => (
                  <tr key={scan.id}>
                    <th scope="row">{formatDateTime(scan.createdAt)}</th>
                    <td>{t(`scan.statuses.${scan.status}`)}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t('scan.openScan', { date: formatDateTime(scan.createdAt) })}
                        onClick={() => void open(scan)}
                      >
                        {t('scan.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </AsyncView>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
