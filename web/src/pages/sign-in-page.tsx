import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, csrf } from '../api/client.js';
import type { UserDto } from '../api/types.js';
import { LanguageSwitch } from '../app.js';
import { usePageTitle } from '../lib/router.js';
import { TextField } from '../ui/fields.js';

/** The path the server answers with a redirect to the identity provider, when OIDC is configured. */
const SSO_START = '/api/auth/oidc/start';

export function SignInPage({
  onSignedIn,
  ssoEnabled = false,
}: {
  onSignedIn: (user: UserDto) => void;
  ssoEnabled?: boolean;
}) {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setError(null);
    try {
      const result = await api.signIn(email, password);
      csrf.set(result.csrfToken);
      onSignedIn(result.user);
    } catch (e) {
      setError(t('signIn.failed', { message: e instanceof Error ? e.message : String(e) }));
      setWorking(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <div className="card">
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.intro')}</p>
        <form onSubmit={(e) => void submit(e)}>
          <TextField label={t('signIn.email')} type="email" value={email} onChange={setEmail} required />
          <TextField
            label={t('signIn.password')}
            type="password"
            value={password}
            onChange={setPassword}
            required
          />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={working}>
            {working ? t('signIn.working') : t('signIn.submit')}
          </button>
        </form>
        {ssoEnabled && (
          <p>
            <a className="button secondary" href={SSO_START}>
              {t('signIn.sso')}
            </a>
          </p>
        )}
        <LanguageSwitch />
      </div>
    </main>
  );
}
