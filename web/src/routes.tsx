import { useTranslation } from 'react-i18next';
import { isPartner } from './lib/roles.js';
import { Link, matchPath, useLocation, usePageTitle } from './lib/router.js';
import { useSession } from './lib/session.js';
import { AuditPage } from './pages/audit-page.js';
import { DashboardPage } from './pages/dashboard-page.js';
import { DisclosePage, RevisePage } from './pages/disclose-page.js';
import { DisclosurePage } from './pages/disclosure-page.js';
import { LetterPage } from './pages/letter-page.js';
import { PartnerHome } from './pages/partner-home.js';
import { ProductionsPage } from './pages/productions-page.js';
import { QueuePage } from './pages/queue-page.js';
import { RegistryPage } from './pages/registry-page.js';
import { ScanPage } from './pages/scan-page.js';

/** Which screen a path shows. Partners start at their work; studio staff at the queue. */
export function Routes() {
  const { path } = useLocation();
  const { user } = useSession();
  if (path === '/') return isPartner(user) ? <PartnerHome /> : <QueuePage />;
  if (path === '/disclose') return <DisclosePage />;
  if (path === '/queue') return <QueuePage />;
  if (path === '/dashboard') return <DashboardPage />;
  if (path === '/registry') return <RegistryPage />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/scans') return <ScanPage />;
  if (path === '/productions') return <ProductionsPage />;
  const revise = matchPath('/disclosures/:id/revise', path);
  if (revise?.['id']) return <RevisePage id={revise['id']} />;
  const letter = matchPath('/disclosures/:id/letter', path);
  if (letter?.['id']) return <LetterPage id={letter['id']} />;
  const detail = matchPath('/disclosures/:id', path);
  if (detail?.['id']) return <DisclosurePage id={detail['id']} />;
  return <NotFound />;
}

function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('app.notFound'));
  return (
    <>
      <h1>{t('app.notFound')}</h1>
      <Link href="/">{t('app.backHome')}</Link>
    </>
  );
}
