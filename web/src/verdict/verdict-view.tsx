import { useTranslation } from 'react-i18next';
import { type Finding, outcomeRank, type Verdict } from '../../../src/policy/verdict.js';
import { OutcomeBadge } from '../ui/badges.js';
import { pathLabel } from './path-label.js';

const KNOWN_REQUIREMENTS = [
  'contact_guidance',
  'written_approval',
  'upload_clearance',
  'rights_clearance',
  'talent_consent',
  'exemption_confirmation',
  'human_authorship',
  'changes',
] as const;
type Requirement = (typeof KNOWN_REQUIREMENTS)[number];
const isKnownRequirement = (r: string): r is Requirement =>
  (KNOWN_REQUIREMENTS as readonly string[]).includes(r);

const CATEGORIES = ['principles', 'data_use', 'creative_output', 'talent', 'ethics', 'registry'] as const;
type Category = (typeof CATEGORIES)[number];
const isCategory = (c: string): c is Category => (CATEGORIES as readonly string[]).includes(c);

/** The finding that decides the outcome comes first: it is the one the reader must act on. */
function strictestFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => outcomeRank(b.outcome) - outcomeRank(a.outcome));
}

function FindingItem({ finding }: { finding: Finding }) {
  const { t } = useTranslation();
  return (
    <li className={`finding outcome-border-${finding.outcome}`}>
      <h4>
        <span className="rule">{finding.rule}</span> {finding.title}
        {finding.subject ? ` — ${finding.subject}` : ''} <OutcomeBadge outcome={finding.outcome} />
      </h4>
      <p className="muted small">
        {isCategory(finding.category) ? t(`vocab.category.${finding.category}`) : finding.category}
      </p>
      <dl>
        <dt>{t('verdict.reason')}</dt>
        <dd>{finding.reason}</dd>
        <dt>{t('verdict.cite')}</dt>
        <dd>
          <cite>{finding.cite}</cite>
        </dd>
        <dt>{t('verdict.resolve')}</dt>
        <dd>{finding.resolve}</dd>
        {finding.evidence.length > 0 && (
          <>
            <dt>{t('verdict.evidence')}</dt>
            <dd>{finding.evidence.join('; ')}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

/**
 * A verdict explained: the outcome and what it means, what must happen before work starts,
 * each finding with its reason, the guidance section it comes from and what would change it,
 * and the open questions. `onAnswer` turns open questions into links to the step asking them.
 */
export function VerdictView({
  verdict,
  onAnswer,
  headingLevel = 2,
}: {
  verdict: Verdict;
  onAnswer?: (path: string) => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="verdict" data-outcome={verdict.outcome}>
      <p className={`outcome-banner outcome-${verdict.outcome}`} data-testid="verdict-outcome">
        <strong>{t('verdict.outcomeLabel', { outcome: t(`outcome.${verdict.outcome}`) })}</strong>
        <span>{t(`outcomeSummary.${verdict.outcome}`)}</span>
      </p>
      {verdict.requires.length > 0 && (
        <>
          <H>{t('verdict.requires')}</H>
          <ul>
            {verdict.requires.map((r) => (
              <li key={r}>{isKnownRequirement(r) ? t(`requirement.${r}`) : r}</li>
            ))}
          </ul>
        </>
      )}
      <H>{t('verdict.findings')}</H>
      {verdict.findings.length === 0 ? (
        <p>{t('verdict.noFindings')}</p>
      ) : (
        <ul className="findings">
          {strictestFirst(verdict.findings).map((f) => (
            <FindingItem key={`${f.rule}-${f.subject ?? ''}`} finding={f} />
          ))}
        </ul>
      )}
      {verdict.openQuestions.length > 0 && (
        <>
          <H>{t('verdict.openQuestions')}</H>
          <ul className="open-questions">
            {verdict.openQuestions.map((path) => (
              <li key={path}>
                {onAnswer ? (
                  <button type="button" className="link" onClick={() => onAnswer(path)}>
                    {pathLabel(t, path)}
                  </button>
                ) : (
                  pathLabel(t, path)
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">{t('verdict.pack', { pack: verdict.pack })}</p>
    </div>
  );
}
