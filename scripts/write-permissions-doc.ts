// Rewrites docs/permissions.md from the permission and route tables (see permissions-doc.ts).
import { writeFileSync } from 'node:fs';
import { renderPermissionsDoc } from '../src/server/http/permissions-doc.js';

writeFileSync(new URL('../docs/permissions.md', import.meta.url), renderPermissionsDoc());
console.log('wrote docs/permissions.md');
