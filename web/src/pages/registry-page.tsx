import { useTranslation } from 'react-i18next';
import { parseDisclosure } from '../../../src/policy/disclosure.js';
import { api } from '../api/client.js';
import type { DisclosureDto } from '../api/types.js';
import { formatNumber } from '../lib/format.js';
import { usePageTitle } from '../lib/router.js';
import { useAsync } from '../lib/use-async.js';
import { AsyncView } from '../ui/feedback.js';

type ToolRow = { name: string; enterprise: Set<string>; retains: Set<string>; uses: number };
type PerformerRow = { performer: string; uses: Set<string>; consent: Set<string>; count: number };

/**
 * The tools and performers named in the current revisions the user can see. The API has no
 * registry endpoints yet (tools with their assessed terms, consent records), so this is the
 * declared side of the registry: what partners said, gathered in one place.
 */
function gather(items: readonly DisclosureDto[]): { tools: ToolRow[]; performers: PerformerRow[] } {
  const tools = new Map<string, ToolRow>();
  const performers = new Map<string, PerformerRow>();
  for (const d of items) {
    const parsed = parseDisclosure(d.revision.disclosure);
    if (!parsed.ok) continue;
    for (const tool of parsed.disclosure.tools ?? []) {
      const key = tool.name.trim().toLowerCase();
      const row = tools.get(key) ?? { name: tool.name, enterprise: new Set(), retains: new Set(), uses: 0 };
      row.enterprise.add(tool.enterprise ?? 'unsure');
      row.retains.add(tool.retainsData ?? 'unsure');
      row.uses++;
      tools.set(key, row);
    }
    for (const p of parsed.disclosure.talent) {
      const key = p.performer.trim().toLowerCase();
      const row = performers.get(key) ?? {
        performer: p.performer,
        uses: new Set(),
        consent: new Set(),
        count: 0,
      };
      row.uses.add(p.use);
      row.consent.add(p.consent ?? 'no');
      row.count++;
      performers.set(key, row);
    }
  }
  return { tools: [...tools.values()], performers: [...performers.values()] };
}

export function RegistryPage() {
  const { t } = useTranslation();
  usePageTitle(t('registry.title'));
  const data = useAsync(async () => gather((await api.disclosures()).items), []);
  const answers = (values: Set<string>) => [...values].map((v) => t(`answer.${v as 'yes'}`)).join(' / ');
  return (
    <>
      <h1>{t('registry.title')}</h1>
      <p>{t('registry.intro')}</p>
      <AsyncView state={data}>
        {({ tools, performers }) => (
          <>
            <h2>{t('registry.tools')}</h2>
            {tools.length === 0 ? (
              <p>{t('registry.none')}</p>
            ) : (
              <table>
                <caption className="visually-hidden">{t('registry.tools')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('registry.tool')}</th>
                    <th scope="col">{t('registry.enterprise')}</th>
                    <th scope="col">{t('registry.retains')}</th>
                    <th scope="col">{t('registry.uses')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tools.map((row) => (
                    <tr key={row.name}>
                      <th scope="row">{row.name}</th>
                      <td>{answers(row.enterprise)}</td>
                      <td>{answers(row.retains)}</td>
                      <td>{formatNumber(row.uses)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>{t('registry.performers')}</h2>
            {performers.length === 0 ? (
              <p>{t('registry.none')}</p>
            ) : (
              <table>
                <caption className="visually-hidden">{t('registry.performers')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('registry.performer')}</th>
                    <th scope="col">{t('registry.use')}</th>
                    <th scope="col">{t('registry.consent')}</th>
                    <th scope="col">{t('registry.uses')}</th>
                  </tr>
                </thead>
                <tbody>
                  {performers.map((row) => (
                    <tr key={row.performer}>
                      <th scope="row">{row.performer}</th>
                      <td>
                        {[...row.uses].map((u) => t(`vocab.talentUse.${u as 'alteration'}`)).join(', ')}
                      </td>
                      <td>{answers(row.consent)}</td>
                      <td>{formatNumber(row.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </AsyncView>
    </>
  );
}
