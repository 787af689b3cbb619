import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/router.js';
import {
  type ParseResult,
  parseScanReport,
  type ScanFinding,
  type ScanReport,
  severityCounts,
} from '../scan/parse-scan.js';
import { StoredScans } from '../scan/stored-scans.js';
import { TextField } from '../ui/fields.js';

/**
 * A delivery scan report: one the API stored for a production, or a file `clearframe scan
 * --json` wrote, read in the browser only (a file opened here is not uploaded).
 */
export function ScanPage() {
  const { t } = useTranslation();
  usePageTitle(t('scan.title'));
  const [pasted, setPasted] = useState('');
  const [result, setResult] = useState<ParseResult | null>(null);
  const open = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file) setResult(parseScanReport(await file.text()));
  };
  return (
    <>
      <h1>{t('scan.title')}</h1>
      <p>{t('scan.intro')}</p>
      <StoredScans onOpen={setResult} />
      <div className="card">
        <h2>{t('scan.fromFile')}</h2>
        <div className="question">
          <label htmlFor="scan-file">{t('scan.file')}</label>
          <input id="scan-file" type="file" accept="application/json,.json" onChange={(e) => void open(e)} />
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setResult(parseScanReport(pasted));
          }}
        >
          <TextField label={t('scan.paste')} value={pasted} onChange={setPasted} multiline />
          <button type="submit">{t('scan.show')}</button>
        </form>
      </div>
      {result && !result.ok && (
        <p className="error" role="alert">
          {t('scan.invalid', { message: result.message })}
        </p>
      )}
      {result?.ok && <Report report={result.report} />}
    </>
  );
}

function FindingList({ findings }: { findings: readonly ScanFinding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return <span className="muted">{t('scan.none')}</span>;
  return (
    <ul className="plain">
      {findings.map((f) => (
        <li key={`${f.code}-${f.message}`}>
          <span className={`badge severity-${f.severity}`}>{t(`scan.severity.${f.severity}`)}</span>{' '}
          {f.message} <code>{f.code}</code>
        </li>
      ))}
    </ul>
  );
}

function Report({ report }: { report: ScanReport }) {
  const { t } = useTranslation();
  const counts = severityCounts(report);
  return (
    <section aria-labelledby="scan-summary" data-testid="scan-report">
      <h2 id="scan-summary">{t('scan.summary')}</h2>
      <p role="status">
        {t('scan.counts', {
          items: report.items.length,
          blockers: counts.blocker,
          warnings: counts.warning,
          infos: counts.info,
        })}
      </p>
      {report.incomplete && <p className="warning">{t('scan.incomplete')}</p>}
      {report.reportFindings.length > 0 && (
        <>
          <h3>{t('scan.reportFindings')}</h3>
          <FindingList findings={report.reportFindings} />
        </>
      )}
      <h2>{t('scan.items')}</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t('scan.items')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scan.path')}</th>
              <th scope="col">{t('scan.class')}</th>
              <th scope="col">{t('scan.validation')}</th>
              <th scope="col">{t('scan.sourceTypes')}</th>
              <th scope="col">{t('scan.findings')}</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((item) => (
              <tr key={item.path}>
                <th scope="row">
                  <code>{item.path}</code>
                </th>
                <td>
                  <span className={`badge class-${item.class}`}>{t(`scan.classes.${item.class}`)}</span>
                </td>
                <td>
                  {t(`scan.validations.${item.manifest.validation}`)}
                  {item.manifest.signer && <span className="muted small"> ({item.manifest.signer})</span>}
                </td>
                <td className="small">
                  {item.digitalSourceTypes.map((d) => d.split('/').at(-1)).join(', ') || t('scan.none')}
                </td>
                <td>
                  <FindingList findings={item.findings} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
