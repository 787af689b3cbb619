import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from './i18n/index.js';
import { can, isPartner, isReviewer } from './lib/roles.js';
import { Link, matchPath, useLocation } from './lib/router.js';
import { SessionGate, useSession } from './lib/session.js';
import { SignInPage } from './pages/sign-in-page.js';
import { Routes } from './routes.js';

export function App() {
  return (
    <SessionGate signIn={(onSignedIn) => <SignInPage onSignedIn={onSignedIn} />}>
      <Shell />
    </SessionGate>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {t('app.language')}{' '}
      <select
        value={i18n.language}
        onChange={(e) => void i18n.changeLanguage(e.currentTarget.value as Language)}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {lng === 'en' ? 'English' : 'Italiano'}
          </option>
        ))}
      </select>
    </label>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const links: { href: string; label: string }[] = [];
  if (isPartner(user))
    links.push({ href: '/', label: t('nav.home') }, { href: '/disclose', label: t('nav.disclose') });
  if (isReviewer(user) || !isPartner(user)) links.push({ href: '/queue', label: t('nav.queue') });
  links.push(
    { href: '/dashboard', label: t('nav.dashboard') },
    { href: '/registry', label: t('nav.registry') },
  );
  if (can(user, 'audit.verify')) links.push({ href: '/audit', label: t('nav.audit') });
  if (can(user, 'production.create')) links.push({ href: '/productions', label: t('nav.productions') });
  links.push({ href: '/scans', label: t('nav.scan') });
  const current = (href: string) =>
    href === '/' ? path === '/' : path === href || matchPath(`${href}/:rest`, path) !== null;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('app.mainNav')}>
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} aria-current={current(link.href) ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span className="small">
            {t('app.signedInAs', { name: user.name, role: t(`role.${user.role as 'auditor'}`) })}
          </span>
          <LanguageSwitch />
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
    </>
  );
}
