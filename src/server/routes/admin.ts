import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/roles.js';
import { acceptInvitation, inviteUser } from '../../services/admin/invitations.js';
import {
  changeUserRole,
  createOrganisation,
  deactivateUser,
  listOrganisations,
  listUsers,
} from '../../services/admin/manage-users.js';
import type { AppEnv } from '../http/env.js';
import { errorResponses, IdParam, writeErrorResponses } from '../http/schemas.js';

/** Administration (issue 4): users of the caller's organisation, invitations by link, organisations. */
const InvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    token: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Invitation');

const json = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: 'Users of your organisation',
  responses: {
    200: {
      description: 'Users',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                email: z.string(),
                name: z.string(),
                role: z.string(),
                active: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

const inviteRoute = createRoute({
  method: 'post',
  path: '/api/admin/invitations',
  tags: ['admin'],
  summary: 'Invite someone into your organisation by link (the token is shown once)',
  request: json(
    z.strictObject({
      email: z
        .string()
        .min(3)
        .max(320)
        .regex(/^[^@\s]+@[^@\s]+$/),
      role: z.enum(ROLES),
      expiresInDays: z.number().int().min(1).max(30).optional(),
    }),
  ),
  responses: {
    201: { description: 'The invitation', content: { 'application/json': { schema: InvitationSchema } } },
    ...writeErrorResponses,
  },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/api/auth/invitations/accept',
  tags: ['auth'],
  summary: 'Accept an invitation link: set your name and password, then sign in',
  request: json(
    z.strictObject({
      token: z.string().min(10).max(200),
      name: z.string().trim().min(1).max(200),
      password: z.string().min(12).max(1024),
    }),
  ),
  responses: {
    201: {
      description: 'The account exists; sign in with it',
      content: { 'application/json': { schema: z.object({ userId: z.string(), email: z.string() }) } },
    },
    ...writeErrorResponses,
  },
});

const deactivateRoute = createRoute({
  method: 'post',
  path: '/api/admin/users/{userId}/deactivate',
  tags: ['admin'],
  summary: 'Deactivate a user of your organisation: their sessions and tokens end at once',
  request: { params: IdParam('userId') },
  responses: {
    200: {
      description: 'How many sessions and tokens ended',
      content: { 'application/json': { schema: z.object({ sessions: z.number(), tokens: z.number() }) } },
    },
    ...writeErrorResponses,
  },
});

const roleRoute = createRoute({
  method: 'put',
  path: '/api/admin/users/{userId}/role',
  tags: ['admin'],
  summary: "Change a user's role within your organisation",
  request: { params: IdParam('userId'), ...json(z.strictObject({ role: z.enum(ROLES) })) },
  responses: {
    200: {
      description: 'The change',
      content: { 'application/json': { schema: z.object({ from: z.string(), to: z.string() }) } },
    },
    ...writeErrorResponses,
  },
});

const createOrganisationRoute = createRoute({
  method: 'post',
  path: '/api/admin/organisations',
  tags: ['admin'],
  summary: 'Create a partner or vendor organisation, optionally inviting its first admin',
  request: json(
    z.strictObject({
      kind: z.enum(['partner', 'vendor']),
      name: z.string().trim().min(1).max(200),
      adminEmail: z
        .string()
        .min(3)
        .max(320)
        .regex(/^[^@\s]+@[^@\s]+$/)
        .optional(),
    }),
  ),
  responses: {
    201: {
      description: 'The organisation and the invitation, if any',
      content: {
        'application/json': { schema: z.object({ id: z.string(), invitation: InvitationSchema.nullable() }) },
      },
    },
    ...writeErrorResponses,
  },
});

const listOrganisationsRoute = createRoute({
  method: 'get',
  path: '/api/admin/organisations',
  tags: ['admin'],
  summary: 'Partner and vendor organisations, to name on a production',
  responses: {
    200: {
      description: 'Organisations by name',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z.object({ id: z.string(), kind: z.enum(['partner', 'vendor']), name: z.string() }),
            ),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listUsersRoute, async (c) => c.json({ items: await listUsers({ ctx: c.get('ctx') }) }, 200));
  app.openapi(inviteRoute, async (c) =>
    c.json(await inviteUser({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );
  app.openapi(acceptRoute, async (c) =>
    c.json(await acceptInvitation({ store: c.get('store'), input: c.req.valid('json') }), 201),
  );
  app.openapi(deactivateRoute, async (c) =>
    c.json(await deactivateUser({ ctx: c.get('ctx'), input: { userId: c.req.valid('param').userId } }), 200),
  );
  app.openapi(roleRoute, async (c) =>
    c.json(
      await changeUserRole({
        ctx: c.get('ctx'),
        input: { userId: c.req.valid('param').userId, role: c.req.valid('json').role },
      }),
      200,
    ),
  );
  app.openapi(listOrganisationsRoute, async (c) =>
    c.json({ items: await listOrganisations({ ctx: c.get('ctx') }) }, 200),
  );
  app.openapi(createOrganisationRoute, async (c) =>
    c.json(await createOrganisation({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );
}
