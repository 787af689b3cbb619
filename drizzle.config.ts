import { defineConfig } from 'drizzle-kit';

// One migration set for PGlite and PostgreSQL: `npm run db:generate` after changing src/store/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './drizzle',
});
