import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { ConsentDto, PerformerDto, ProductionDto, ToolDto, UserDto } from '../api/types.js';
import { formatDate } from '../lib/format.js';
import { can } from '../lib/roles.js';
import { usePageTitle } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';

type Loaded = {
  tools: ToolDto[];
  /** Null when the user may not read consents (partners, delivery QC): the section is left out. */
  consents: { performers: PerformerDto[]; consents: ConsentDto[]; productions: ProductionDto[] } | null;
};

/** The registry as the server keeps it: partners see the studios' approved tools only. */
async function load(user: UserDto): Promise<Loaded> {
  const tools = api.tools();
  if (!can(user, 'consent.read')) return { tools: (await tools).items, consents: null };
  const [t, performers, consents, productions] = await Promise.all([
    tools,
    api.performers(),
    api.consents(),
    api.productions(),
  ]);
  return {
    tools: t.items,
    consents: { performers: performers.items, consents: consents.items, productions: productions.items },
  };
}

// Badge colours reuse the verdict palette; the badge text always says the status in words.
const TOOL_BADGE: Record<ToolDto['status'], string> = {
  approved: 'outcome-notify',
  approved_with_conditions: 'outcome-approval',
  blocked: 'outcome-prohibited',
};
const CONSENT_BADGE: Record<ConsentDto['status'], string> = {
  active: 'outcome-notify',
  expired: 'outcome-escalate',
  revoked: 'outcome-prohibited',
};

export function RegistryPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  usePageTitle(t('registry.title'));
  const data = useAsync(() => load(user), [user]);
  return (
    <>
      <h1>{t('registry.title')}</h1>
      <p>{t('registry.intro')}</p>
      <AsyncView state={data}>
        {({ tools, consents }) => (
          <>
            <ToolTable tools={tools} />
            {consents && <ConsentTable {...consents} />}
          </>
        )}
      </AsyncView>
    </>
  );
}

function ToolTable({ tools }: { tools: readonly ToolDto[] }) {
  const { t } = useTranslation();
  const yesNo = (v: boolean) => t(v ? 'answer.yes' : 'answer.no');
  return (
    <>
      <h2>{t('registry.tools')}</h2>
      {tools.length === 0 ? (
        <p>{t('registry.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('registry.tools')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registry.tool')}</th>
                <th scope="col">{t('registry.status')}</th>
                <th scope="col">{t('registry.dataHandling')}</th>
                <th scope="col">{t('registry.lastReview')}</th>
              </tr>
            </thead>
            <tbody>
              {tools.map((tool) => (
                <tr key={tool.id}>
                  <th scope="row">
                    {tool.name} <span className="muted small">({tool.vendor})</span>
                  </th>
                  <td>
                    <span className={`badge ${TOOL_BADGE[tool.status]}`}>
                      {t(`registry.toolStatus.${tool.status}`)}
                    </span>
                    {tool.statusReason && <div className="small">{tool.statusReason}</div>}
                    {tool.conditions && (
                      <div className="small">{t('registry.conditions', { conditions: tool.conditions })}</div>
                    )}
                  </td>
                  <td className="small">
                    <ul className="plain">
                      <li>
                        {t('registry.storesInputs')}: {yesNo(tool.storesInputs)}
                        {tool.storesInputs &&
                          tool.retentionDays !== null &&
                          ` (${t('registry.retentionDays', { days: tool.retentionDays })})`}
                      </li>
                      <li>
                        {t('registry.trainsOnInputs')}: {yesNo(tool.trainsOnInputs)}
                      </li>
                      <li>
                        {t('registry.enterprise')}: {yesNo(tool.enterpriseAgreement)}
                      </li>
                      <li>
                        {t('registry.deployment')}: {t(`registry.deployments.${tool.deployment}`)}
                      </li>
                    </ul>
                  </td>
                  <td>{formatDate(tool.lastReviewedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ConsentTable({
  performers,
  consents,
  productions,
}: {
  performers: readonly PerformerDto[];
  consents: readonly ConsentDto[];
  productions: readonly ProductionDto[];
}) {
  const { t } = useTranslation();
  const performerName = new Map(performers.map((p) => [p.id, p.displayName]));
  const productionTitle = new Map(productions.map((p) => [p.id, p.title]));
  const withConsent = new Set(consents.map((c) => c.performerId));
  const without = performers.filter((p) => !withConsent.has(p.id));
  return (
    <>
      <h2>{t('registry.consents')}</h2>
      {consents.length === 0 ? (
        <p>{t('registry.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('registry.consents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registry.performer')}</th>
                <th scope="col">{t('registry.consent')}</th>
                <th scope="col">{t('registry.use')}</th>
                <th scope="col">{t('registry.production')}</th>
                <th scope="col">{t('registry.validTo')}</th>
              </tr>
            </thead>
            <tbody>
              {consents.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{performerName.get(c.performerId) ?? c.performerId}</th>
                  <td>
                    <span className={`badge ${CONSENT_BADGE[c.status]}`}>
                      {t(`registry.consentStatus.${c.status}`)}
                    </span>
                    {c.revokeReason && <div className="small">{c.revokeReason}</div>}
                  </td>
                  <td>{t(`vocab.talentUse.${c.use}`)}</td>
                  <td>{productionTitle.get(c.productionId) ?? c.productionId}</td>
                  <td>{c.validTo ? formatDate(c.validTo) : t('registry.openEnded')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('registry.performers')}</h2>
      {performers.length === 0 ? (
        <p>{t('registry.none')}</p>
      ) : (
        <ul>
          {performers.map((p) => (
            <li key={p.id}>
              {p.displayName}
              {p.union && <span className="muted"> · {p.union}</span>}
              {p.deceased && <span className="muted"> · {t('registry.deceased')}</span>}
            </li>
          ))}
        </ul>
      )}
      {without.length > 0 && (
        <p className="warning">
          {t('registry.withoutConsent', { names: without.map((p) => p.displayName).join(', ') })}
        </p>
      )}
    </>
  );
}
