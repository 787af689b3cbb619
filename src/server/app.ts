import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { AppError } from '../domain/errors.js';
import type { Store } from '../store/database.js';
import { authenticate } from './auth/authenticate.js';
import { registerOidcRoutes } from './auth/oidc-routes.js';
import { registerAuthRoutes } from './auth/routes.js';
import type { AppEnv } from './http/env.js';
import { describeZodError, errorResponse, handleError } from './http/errors.js';
import { enforceRoutePermissions } from './http/route-permissions.js';
import { securityHeaders } from './middleware/security-headers.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerDisclosureRoutes } from './routes/disclosures.js';
import { registerDocs } from './routes/docs.js';
import { registerHealth } from './routes/health.js';
import { registerImportRoutes } from './routes/imports.js';
import { registerIntegrationRoutes } from './routes/integrations.js';
import { registerNoticeAndAuditRoutes } from './routes/notices-and-audit.js';
import { registerProductionRoutes } from './routes/productions.js';
import { registerProvenanceRoutes } from './routes/provenance.js';
import { CONSENT_DOCUMENT_PATH, registerRegistryRoutes } from './routes/registry.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerStaticUi } from './static-ui.js';

/** Request bodies above this are refused with 413 before they are parsed (documented in the API). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Routes reachable without a session or token. */
const PUBLIC_PATHS = new Set([
  '/api/health',
  '/api/openapi.json',
  '/api/docs',
  '/api/auth/sign-in',
  // Issue 4: accepting an invitation link and the OIDC sign-in flow happen before any session.
  '/api/auth/invitations/accept',
  '/api/auth/oidc/config',
  '/api/auth/oidc/start',
  '/api/auth/oidc/callback',
]);

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export type AppDeps = { readonly store: Store; readonly logger: Logger };

/** The Hono application: middleware, every route, the OpenAPI document and the one error handler. */
export function createApp({ store, logger }: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: async (result, c) => {
      if (result.success) return undefined;
      const raw =
        result.target === 'json' ? await c.req.json().catch(() => undefined) : rawTarget(c, result.target);
      const issues = describeZodError(result.error, raw);
      return errorResponse(
        c,
        new AppError(
          'INVALID_INPUT',
          `The request ${result.target === 'json' ? 'body' : result.target} is invalid at ${issues.map((i) => i.path).join(', ')}; see details.issues.`,
          { issues },
        ),
      );
    },
  });

  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    const sent = c.req.header('x-request-id');
    const requestId = sent !== undefined && REQUEST_ID.test(sent) ? sent : randomUUID();
    c.set('requestId', requestId);
    c.set('store', store);
    c.set('logger', logger);
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      errorResponse(
        c as never,
        new AppError('PAYLOAD_TOO_LARGE', `The request body is over the ${MAX_BODY_BYTES} byte limit.`, {
          limit: MAX_BODY_BYTES,
        }),
      ),
  });
  // A signed consent document is sent as itself (PDF or image) under its route's own limit.
  const isDocumentUpload = (c: { req: { method: string; path: string } }) =>
    c.req.method === 'PUT' && CONSENT_DOCUMENT_PATH.test(c.req.path);
  // Where Content-Length settles it (Node reads exactly that many bytes), the headers decide:
  // hono's middleware first touches the body as a web stream, which costs every request a
  // stream conversion on Node. Chunked bodies are counted by it as they arrive.
  const limitBodyFast: typeof limitBody = (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limitBody(c, next);
    return Number.parseInt(length, 10) > MAX_BODY_BYTES ? limitBody(c, next) : next();
  };
  app.use('/api/*', (c, next) => (isDocumentUpload(c) ? next() : limitBodyFast(c, next)));
  app.use('/api/*', async (c, next) => {
    const hasBody =
      c.req.header('content-length') !== '0' &&
      (c.req.header('content-length') || c.req.header('transfer-encoding'));
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(c.req.method) && !isDocumentUpload(c)) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the request body as JSON with Content-Type: application/json.',
          {
            contentType: type ?? null,
          },
        );
      }
    }
    await next();
  });
  const requireAuth = authenticate();
  app.use('/api/*', (c, next) => (PUBLIC_PATHS.has(c.req.path) ? next() : requireAuth(c, next)));
  app.use('/api/*', enforceRoutePermissions());

  registerHealth(app);
  registerAuthRoutes(app);
  registerOidcRoutes(app);
  registerProductionRoutes(app);
  registerDisclosureRoutes(app);
  registerNoticeAndAuditRoutes(app);
  registerIntegrationRoutes(app);
  registerReportRoutes(app);
  registerImportRoutes(app);
  registerProvenanceRoutes(app);
  registerRegistryRoutes(app);
  registerAdminRoutes(app);
  registerDocs(app);
  registerStaticUi(app);
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Clearframe API',
      version: '0.1.0',
      description:
        'Disclosures of generative AI use, explained verdicts, review, written approvals and the audit ledger.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'cf_session',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.notFound((c) => errorResponse(c, new AppError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`)));
  app.onError(handleError);
  return app;
}

function rawTarget(
  c: { req: { query(): unknown; param(): unknown; header(): unknown } },
  target: string,
): unknown {
  if (target === 'query') return c.req.query();
  if (target === 'param') return c.req.param();
  if (target === 'header') return c.req.header();
  return undefined;
}
