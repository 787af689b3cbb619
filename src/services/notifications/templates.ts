import type { EmailKind, Language } from './kinds.js';

/** What a template may say. Everything is optional: a template says only what it has. */
export type EmailData = {
  readonly recipientName: string;
  readonly productionTitle?: string | undefined;
  readonly description?: string | undefined;
  readonly disclosureId?: string | undefined;
  readonly outcome?: string | undefined;
  readonly decision?: string | undefined;
  readonly note?: string | undefined;
  readonly conditionText?: string | undefined;
  readonly dueDate?: string | undefined;
  readonly expiresAt?: string | undefined;
  readonly performer?: string | undefined;
  /** Digest entries: a production and what happened on it (a notice kind, the verdict). */
  readonly items?: readonly DigestItem[] | undefined;
  readonly link?: string | undefined;
};

export type DigestItem = {
  readonly title: string;
  readonly kind: string;
  readonly outcome?: string | undefined;
};

export type RenderedEmail = { readonly subject: string; readonly text: string; readonly html: string };

type Template = { subject(d: EmailData): string; lines(d: EmailData): string[] };

const q = (s: string | undefined) => `“${s ?? '?'}”`;

const OUTCOME: Record<Language, Record<string, string>> = {
  en: {
    notify: 'notify',
    escalate: 'escalate',
    approval: 'written approval needed',
    prohibited: 'prohibited',
  },
  it: {
    notify: 'notifica',
    escalate: 'da esaminare',
    approval: 'serve approvazione scritta',
    prohibited: 'vietato',
  },
};
const DECISION: Record<Language, Record<string, string>> = {
  en: {
    approve: 'approved',
    reject: 'rejected',
    acknowledge: 'acknowledged',
    request_info: 'more information requested',
  },
  it: {
    approve: 'approvato',
    reject: 'respinto',
    acknowledge: 'preso in carico',
    request_info: 'richieste informazioni',
  },
};

const NOTICE: Record<Language, Record<string, string>> = {
  en: {
    'disclosure.notified': 'new use, notified',
    'disclosure.review_requested': 'review requested',
    'disclosure.blocked': 'blocked',
  },
  it: {
    'disclosure.notified': 'nuovo uso, notificato',
    'disclosure.review_requested': 'revisione richiesta',
    'disclosure.blocked': 'bloccato',
  },
};

function digestLine(language: Language, item: DigestItem): string {
  const what = NOTICE[language][item.kind] ?? item.kind;
  const outcome = item.outcome ? ` (${OUTCOME[language][item.outcome] ?? item.outcome})` : '';
  return `- ${item.title}: ${what}${outcome}`;
}

const TEMPLATES: Record<Language, Record<EmailKind, Template>> = {
  en: {
    'disclosure.new': {
      subject: (d) => `New AI use disclosed on ${q(d.productionTitle)}`,
      lines: (d) => [
        `A partner disclosed a new generative-AI use on ${q(d.productionTitle)}.`,
        `Use: ${d.description ?? ''}`,
        `Verdict: ${OUTCOME.en[d.outcome ?? ''] ?? d.outcome ?? ''}.`,
      ],
    },
    'review.assigned': {
      subject: (d) => `Review needed: AI use on ${q(d.productionTitle)}`,
      lines: (d) => [
        `A disclosure on ${q(d.productionTitle)} is waiting in your review queue.`,
        `Use: ${d.description ?? ''}`,
        `Verdict: ${OUTCOME.en[d.outcome ?? ''] ?? d.outcome ?? ''}.`,
      ],
    },
    'decision.made': {
      subject: (d) =>
        `Decision on your AI use on ${q(d.productionTitle)}: ${DECISION.en[d.decision ?? ''] ?? d.decision}`,
      lines: (d) => [
        `The studio decided on your disclosure for ${q(d.productionTitle)}: ${DECISION.en[d.decision ?? ''] ?? d.decision}.`,
        `Use: ${d.description ?? ''}`,
        ...(d.note ? [`Note from the reviewer: ${d.note}`] : []),
      ],
    },
    'info.requested': {
      subject: (d) => `More information needed on ${q(d.productionTitle)}`,
      lines: (d) => [
        `The studio asks for more information about your disclosure for ${q(d.productionTitle)}.`,
        `Use: ${d.description ?? ''}`,
        ...(d.note ? [`What they ask: ${d.note}`] : []),
        'Revise the disclosure to answer; review resumes when you resubmit.',
      ],
    },
    'condition.due': {
      subject: (d) => `Condition due ${d.dueDate ?? 'soon'} on ${q(d.productionTitle)}`,
      lines: (d) => [
        `A condition of an approval on ${q(d.productionTitle)} is due on ${d.dueDate ?? '?'}:`,
        `${d.conditionText ?? ''}`,
        'Mark it done in Clearframe once it is met.',
      ],
    },
    'approval.expiring': {
      subject: (d) => `Approval expiring ${d.expiresAt ?? 'soon'} on ${q(d.productionTitle)}`,
      lines: (d) => [
        `The written approval for this use on ${q(d.productionTitle)} expires on ${d.expiresAt ?? '?'}:`,
        `${d.description ?? ''}`,
        'After that the use is no longer cleared; ask for a new approval if it continues.',
      ],
    },
    'consent.expiring': {
      subject: (d) => `Consent expiring ${d.expiresAt ?? 'soon'}: ${d.performer ?? ''}`,
      lines: (d) => [
        `The recorded consent of ${d.performer ?? '?'} expires on ${d.expiresAt ?? '?'}.`,
        'Uses that depend on it will need a renewed consent.',
      ],
    },
    digest: {
      subject: (d) => `Clearframe daily digest: ${d.items?.length ?? 0} item(s)`,
      lines: (d) => ['What happened in the last day:', ...(d.items ?? []).map((i) => digestLine('en', i))],
    },
  },
  it: {
    'disclosure.new': {
      subject: (d) => `Nuovo uso di IA dichiarato su ${q(d.productionTitle)}`,
      lines: (d) => [
        `Un partner ha dichiarato un nuovo uso di IA generativa su ${q(d.productionTitle)}.`,
        `Uso: ${d.description ?? ''}`,
        `Esito: ${OUTCOME.it[d.outcome ?? ''] ?? d.outcome ?? ''}.`,
      ],
    },
    'review.assigned': {
      subject: (d) => `Revisione richiesta: uso di IA su ${q(d.productionTitle)}`,
      lines: (d) => [
        `Una dichiarazione su ${q(d.productionTitle)} è in attesa nella tua coda di revisione.`,
        `Uso: ${d.description ?? ''}`,
        `Esito: ${OUTCOME.it[d.outcome ?? ''] ?? d.outcome ?? ''}.`,
      ],
    },
    'decision.made': {
      subject: (d) =>
        `Decisione sul tuo uso di IA su ${q(d.productionTitle)}: ${DECISION.it[d.decision ?? ''] ?? d.decision}`,
      lines: (d) => [
        `Lo studio ha deciso sulla tua dichiarazione per ${q(d.productionTitle)}: ${DECISION.it[d.decision ?? ''] ?? d.decision}.`,
        `Uso: ${d.description ?? ''}`,
        ...(d.note ? [`Nota del revisore: ${d.note}`] : []),
      ],
    },
    'info.requested': {
      subject: (d) => `Servono altre informazioni su ${q(d.productionTitle)}`,
      lines: (d) => [
        `Lo studio chiede altre informazioni sulla tua dichiarazione per ${q(d.productionTitle)}.`,
        `Uso: ${d.description ?? ''}`,
        ...(d.note ? [`Cosa chiedono: ${d.note}`] : []),
        'Modifica la dichiarazione per rispondere; la revisione riprende quando la reinvii.',
      ],
    },
    'condition.due': {
      subject: (d) => `Condizione in scadenza il ${d.dueDate ?? '?'} su ${q(d.productionTitle)}`,
      lines: (d) => [
        `Una condizione di un'approvazione su ${q(d.productionTitle)} scade il ${d.dueDate ?? '?'}:`,
        `${d.conditionText ?? ''}`,
        'Segnala in Clearframe quando è soddisfatta.',
      ],
    },
    'approval.expiring': {
      subject: (d) => `Approvazione in scadenza il ${d.expiresAt ?? '?'} su ${q(d.productionTitle)}`,
      lines: (d) => [
        `L'approvazione scritta di questo uso su ${q(d.productionTitle)} scade il ${d.expiresAt ?? '?'}:`,
        `${d.description ?? ''}`,
        "Dopo quella data l'uso non è più autorizzato; chiedi una nuova approvazione se continua.",
      ],
    },
    'consent.expiring': {
      subject: (d) => `Consenso in scadenza il ${d.expiresAt ?? '?'}: ${d.performer ?? ''}`,
      lines: (d) => [
        `Il consenso registrato di ${d.performer ?? '?'} scade il ${d.expiresAt ?? '?'}.`,
        'Gli usi che ne dipendono richiederanno un consenso rinnovato.',
      ],
    },
    digest: {
      subject: (d) => `Riepilogo giornaliero di Clearframe: ${d.items?.length ?? 0} elementi`,
      lines: (d) => [
        "Cosa è successo nell'ultimo giorno:",
        ...(d.items ?? []).map((i) => digestLine('it', i)),
      ],
    },
  },
};

const GREETING: Record<Language, (name: string) => string> = {
  en: (n) => `Hello ${n},`,
  it: (n) => `Ciao ${n},`,
};
const FOOTER: Record<Language, string> = {
  en: 'You receive this because of your role on the production. Change which emails you get in your Clearframe preferences.',
  it: 'Ricevi questa email per il tuo ruolo nella produzione. Scegli quali email ricevere nelle preferenze di Clearframe.',
};
const OPEN: Record<Language, string> = { en: 'Open in Clearframe', it: 'Apri in Clearframe' };

/** Renders one email: a plain-text part and an HTML part with the same content (escaped). */
export function renderEmail(kind: EmailKind, language: Language, data: EmailData): RenderedEmail {
  const template = TEMPLATES[language][kind];
  const lines = template.lines(data);
  const link = data.link ? [`${OPEN[language]}: ${data.link}`] : [];
  const text = [GREETING[language](data.recipientName), '', ...lines, '', ...link, '', '--', FOOTER[language]]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  const html = [
    `<!doctype html><html lang="${language}"><body style="font-family:sans-serif">`,
    `<p>${escapeHtml(GREETING[language](data.recipientName))}</p>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(data.link ? [`<p><a href="${escapeHtml(data.link)}">${OPEN[language]}</a></p>`] : []),
    `<hr><p style="color:#666;font-size:12px">${escapeHtml(FOOTER[language])}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: template.subject(data).replace(/[\r\n]+/g, ' '), text, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
