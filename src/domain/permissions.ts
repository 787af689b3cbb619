import { ROLES, type Role } from './roles.js';

/** Actions open to every signed-in role (tenancy still limits what each one sees). */
const EVERY_ROLE = ROLES;

/**
 * The permission table: every action any actor can take, and the roles allowed to take it.
 * Deny by default: an action or role not listed here is refused. Tenancy (which
 * organisation's data) is a separate check applied inside the queries; this table only
 * answers "may this role ever do this".
 */
export const PERMISSIONS = {
  'production.read': EVERY_ROLE,
  // Studio admins create their studio's productions and set their title, format, vendors and contacts.
  'production.create': ['studio_admin'],
  'production.update': ['studio_admin'],
  'disclosure.read': EVERY_ROLE,
  'disclosure.submit': ['partner_member', 'partner_admin'],
  'disclosure.revise': ['partner_member', 'partner_admin'],
  'disclosure.withdraw': ['partner_member', 'partner_admin'],
  'disclosure.acknowledge': ['studio_contact', 'studio_legal', 'studio_admin'],
  'disclosure.request_info': ['studio_contact', 'studio_legal', 'studio_admin'],
  'disclosure.approve': ['studio_legal'],
  'disclosure.reject': ['studio_legal'],
  'disclosure.comment': ['partner_member', 'partner_admin', 'studio_contact', 'studio_legal', 'studio_admin'],
  'condition.complete': ['partner_member', 'partner_admin', 'studio_contact', 'studio_legal'],
  'notice.read': ['studio_contact', 'studio_legal', 'studio_admin', 'auditor'],
  'audit.read': ['studio_admin', 'auditor'],
  'audit.verify': ['studio_admin', 'auditor'],
  'token.create': EVERY_ROLE,
  // Asset register and delivery gate (issue 6): partners register their AI assets; the studio
  // (delivery QC first) and auditors read them; partners and delivery QC submit gate scans.
  'asset.register': ['partner_member', 'partner_admin'],
  'asset.link': ['partner_member', 'partner_admin'],
  'asset.read': EVERY_ROLE,
  'scan.submit': ['partner_member', 'partner_admin', 'delivery_qc'],
  'scan.read': EVERY_ROLE,
  // Tool registry: studio admins maintain it; everyone reads (partners see approved entries only).
  'tool.read': EVERY_ROLE,
  'tool.manage': ['studio_admin'],
  'tool.import': ['studio_admin'],
  'tool.export': ['studio_admin', 'auditor'],
  // Consent registry: personal data, studio staff only; legal records, revokes and alone reads documents.
  'consent.read': ['studio_contact', 'studio_legal', 'studio_admin', 'auditor'],
  'consent.manage': ['studio_legal'],
  'consent.import': ['studio_legal'],
  'consent.export': ['studio_legal', 'auditor'],
  'consent.document.upload': ['studio_legal'],
  'consent.document.read': ['studio_legal'],
  'registry.expire': ['studio_admin'],
  // Notifications, integrations and reports (issue 8).
  'notification.preferences': EVERY_ROLE,
  'webhook.manage': ['partner_admin', 'studio_admin'],
  'report.read': [
    'partner_admin',
    'partner_member',
    'studio_contact',
    'studio_legal',
    'studio_admin',
    'auditor',
  ],
  'approval.letter': [
    'partner_admin',
    'partner_member',
    'studio_contact',
    'studio_legal',
    'studio_admin',
    'auditor',
  ],
  'disclosure.import': ['partner_member', 'partner_admin'],
  // Accounts and administration (issue 4). Every role manages its own sessions and tokens;
  // admins manage the users of their own organisation; studio admins alone create organisations.
  'session.revoke_all': EVERY_ROLE,
  'token.read': EVERY_ROLE,
  'token.revoke': EVERY_ROLE,
  'user.read': ['partner_admin', 'studio_admin', 'auditor'],
  'user.invite': ['partner_admin', 'studio_admin'],
  'user.deactivate': ['partner_admin', 'studio_admin'],
  'user.change_role': ['partner_admin', 'studio_admin'],
  'organisation.create': ['studio_admin'],
  'organisation.read': ['studio_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** True when the table lists `role` for `action`; anything unlisted is false. */
export function isAllowed(role: Role, action: Action): boolean {
  const allowed: readonly Role[] | undefined = PERMISSIONS[action];
  return allowed?.includes(role) === true;
}

/**
 * API token scopes (issue 4): a `read` token may take only these actions, whatever its user's
 * role allows; a `read_write` token acts with the user's full permissions. Sessions are unscoped.
 */
export const TOKEN_SCOPES = ['read', 'read_write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const READ_ONLY_ACTIONS: ReadonlySet<Action> = new Set(
  ACTIONS.filter((a) => a.endsWith('.read') || a.endsWith('.export') || a === 'audit.verify'),
);

/** True when a token of `scope` may take `action` (the role check is separate). */
export function scopeAllows(scope: TokenScope | undefined, action: Action): boolean {
  return scope === undefined || scope === 'read_write' || READ_ONLY_ACTIONS.has(action);
}
