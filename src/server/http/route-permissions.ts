import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../domain/errors.js';
import { type Action, isAllowed, scopeAllows } from '../../domain/permissions.js';
import type { AppEnv } from './env.js';

/**
 * Which permission each route needs, keyed by the OpenAPI operation (`METHOD /path/{param}`).
 * The route middleware refuses a role the table does not allow before the body is even parsed,
 * so a forbidden role gets 403 whatever it sends; the service verbs check again (defence in
 * depth, and the CLI and jobs reach services without HTTP). A route may need any one of several
 * actions (a decision is acknowledge, request_info, approve or reject by its body).
 * `public` routes need no sign-in; `signed_in` any principal. The authorization matrix test
 * fails for an OpenAPI operation missing here, so new routes must be added.
 */
export type RouteRule = 'public' | 'signed_in' | readonly Action[];

export const ROUTE_PERMISSIONS: Readonly<Record<string, RouteRule>> = {
  'GET /api/health': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'signed_in',
  'GET /api/auth/me': 'signed_in',
  'POST /api/auth/tokens': ['token.create'],
  'GET /api/auth/tokens': ['token.read'],
  'POST /api/auth/sign-out-everywhere': ['session.revoke_all'],
  'DELETE /api/auth/tokens/{tokenId}': ['token.revoke'],
  'GET /api/productions': ['production.read'],
  'GET /api/productions/{productionId}': ['production.read'],
  'POST /api/productions': ['production.create'],
  'PATCH /api/productions/{productionId}': ['production.update'],
  'PUT /api/productions/{productionId}/vendors': ['production.update'],
  'PUT /api/productions/{productionId}/contacts': ['production.update'],
  'POST /api/productions/{productionId}/disclosures': ['disclosure.submit'],
  'GET /api/disclosures': ['disclosure.read'],
  'GET /api/disclosures/{disclosureId}': ['disclosure.read'],
  'POST /api/disclosures/{disclosureId}/revisions': ['disclosure.revise'],
  'GET /api/disclosures/{disclosureId}/revisions': ['disclosure.read'],
  'POST /api/disclosures/{disclosureId}/decisions': [
    'disclosure.acknowledge',
    'disclosure.request_info',
    'disclosure.approve',
    'disclosure.reject',
  ],
  'POST /api/disclosures/{disclosureId}/withdraw': ['disclosure.withdraw'],
  'POST /api/conditions/{conditionId}/complete': ['condition.complete'],
  'POST /api/disclosures/{disclosureId}/comments': ['disclosure.comment'],
  'GET /api/disclosures/{disclosureId}/comments': ['disclosure.read'],
  'GET /api/notices': ['notice.read'],
  'GET /api/audit/verify': ['audit.verify'],
  'GET /api/me/notification-preferences': ['notification.preferences'],
  'PUT /api/me/notification-preferences': ['notification.preferences'],
  'GET /api/webhooks': ['webhook.manage'],
  'POST /api/webhooks': ['webhook.manage'],
  'DELETE /api/webhooks/{webhookId}': ['webhook.manage'],
  'GET /api/webhooks/{webhookId}/deliveries': ['webhook.manage'],
  'POST /api/webhook-deliveries/{deliveryId}/redeliver': ['webhook.manage'],
  'GET /api/productions/{productionId}/report': ['report.read'],
  'GET /api/approvals/{approvalId}/letter': ['approval.letter'],
  'POST /api/productions/{productionId}/imports': ['disclosure.import'],
  'POST /api/productions/{productionId}/assets': ['asset.register'],
  'GET /api/productions/{productionId}/assets': ['asset.read'],
  'POST /api/assets/{assetId}/disclosure': ['asset.link'],
  'GET /api/productions/{productionId}/delivery-register': ['asset.read'],
  'POST /api/productions/{productionId}/scans': ['scan.submit'],
  'GET /api/productions/{productionId}/scans': ['scan.read'],
  'GET /api/scans/{scanId}': ['scan.read'],
  'GET /api/tools': ['tool.read'],
  'POST /api/tools': ['tool.manage'],
  'GET /api/tools/{toolId}': ['tool.read'],
  'PUT /api/tools/{toolId}': ['tool.manage'],
  'GET /api/registry/tools/export': ['tool.export'],
  'POST /api/registry/tools/import': ['tool.import'],
  'GET /api/performers': ['consent.read'],
  'POST /api/performers': ['consent.manage'],
  'GET /api/consents': ['consent.read'],
  'POST /api/consents': ['consent.manage'],
  'POST /api/consents/{consentId}/revoke': ['consent.manage'],
  'PUT /api/consents/{consentId}/document': ['consent.document.upload'],
  'GET /api/consents/{consentId}/document': ['consent.document.read'],
  'GET /api/registry/consents/export': ['consent.export'],
  'POST /api/registry/consents/import': ['consent.import'],
  'POST /api/registry/expire': ['registry.expire'],
  // Administration (issue 4).
  'GET /api/admin/users': ['user.read'],
  'POST /api/admin/invitations': ['user.invite'],
  'POST /api/auth/invitations/accept': 'public',
  'POST /api/admin/users/{userId}/deactivate': ['user.deactivate'],
  'PUT /api/admin/users/{userId}/role': ['user.change_role'],
  'POST /api/admin/organisations': ['organisation.create'],
  'GET /api/admin/organisations': ['organisation.read'],
  'GET /api/auth/oidc/config': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
};

type CompiledRule = { readonly method: string; readonly pattern: RegExp; readonly rule: RouteRule };

const COMPILED: readonly CompiledRule[] = Object.entries(ROUTE_PERMISSIONS).map(([key, rule]) => {
  const [method = '', path = ''] = key.split(' ');
  const source = path
    .split('/')
    .map((part) => (/^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), rule };
});

/** The rule for a request, if the table has one (HEAD is GET). */
export function ruleFor(method: string, path: string): RouteRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((r) => r.method === m && r.pattern.test(path))?.rule;
}

/** Runs after authentication: refuses a role or token scope the route's actions do not allow. */
export function enforceRoutePermissions(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const rule = ruleFor(c.req.method, c.req.path);
    const principal = c.get('principal');
    if (principal !== undefined && Array.isArray(rule)) {
      const actions = rule as readonly Action[];
      if (!actions.some((a) => isAllowed(principal.role, a))) {
        throw new AppError('FORBIDDEN', `Your role (${principal.role}) may not ${actions.join(' or ')}.`, {
          action: actions.join(' | '),
          role: principal.role,
        });
      }
      if (!actions.some((a) => scopeAllows(principal.scope, a))) {
        throw new AppError('FORBIDDEN', `This API token is read-only and may not ${actions.join(' or ')}.`, {
          scope: principal.scope,
        });
      }
    }
    await next();
  };
}
