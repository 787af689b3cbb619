import { ACTIONS, PERMISSIONS, READ_ONLY_ACTIONS } from '../../domain/permissions.js';
import { ROLES } from '../../domain/roles.js';
import { ROUTE_PERMISSIONS } from './route-permissions.js';

/**
 * docs/permissions.md, rendered from the permission table and the route table, so the
 * written-down matrix cannot drift from what is enforced (a test compares the file with this;
 * `npm run docs:permissions` rewrites it).
 */
export function renderPermissionsDoc(): string {
  const lines: string[] = [
    '# Permission matrix',
    '',
    '<!-- Generated from src/domain/permissions.ts and src/server/http/route-permissions.ts by',
    '     `npm run docs:permissions`; test/server/authorization-matrix.test.ts fails when it is stale. -->',
    '',
    'Deny by default: an action not listed for a role is refused (403). Tenancy is separate and lives',
    "inside the queries: another organisation's ids answer 404 exactly as missing ones do.",
    '`read` API tokens may take only the actions marked *read* whatever their user may do.',
    '',
    '## Actions by role',
    '',
    `| action | ${ROLES.join(' | ')} | read token |`,
    `|---|${ROLES.map(() => '---').join('|')}|---|`,
  ];
  for (const action of ACTIONS) {
    const allowed: readonly string[] = PERMISSIONS[action];
    const cells = ROLES.map((r) => (allowed.includes(r) ? 'yes' : ''));
    lines.push(`| ${action} | ${cells.join(' | ')} | ${READ_ONLY_ACTIONS.has(action) ? 'read' : ''} |`);
  }
  lines.push('', '## Routes', '', '| route | needs |', '|---|---|');
  for (const [route, rule] of Object.entries(ROUTE_PERMISSIONS)) {
    const needs =
      rule === 'public' ? 'public' : rule === 'signed_in' ? 'any signed-in user' : rule.join(' or ');
    lines.push(`| \`${route}\` | ${needs} |`);
  }
  return `${lines.join('\n')}\n`;
}
