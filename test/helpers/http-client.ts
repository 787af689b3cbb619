/**
 * A small JSON client over any fetch-like function: `app.request` for in-process route
 * tests, or `fetch` against a real server for end-to-end tests. It keeps the session cookie
 * and CSRF token after sign-in, or sends a Bearer token.
 */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field and assert each
type Json = any;

export type JsonResponse<T = Json> = { status: number; headers: Headers; body: T };

export class TestClient {
  private cookie: string | undefined;
  private csrf: string | undefined;
  private bearer: string | undefined;

  constructor(private readonly fetcher: Fetcher) {}

  static over(fetcher: Fetcher): TestClient {
    return new TestClient(fetcher);
  }

  withToken(token: string): TestClient {
    const client = new TestClient(this.fetcher);
    client.bearer = token;
    return client;
  }

  async signIn(email: string, password: string): Promise<JsonResponse> {
    const response = await this.fetcher('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body: Json = await response.json();
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    this.csrf = body.csrfToken;
    return { status: response.status, headers: response.headers, body };
  }

  /** What this client sends to prove who it is: token, or session cookie and (for writes) CSRF token. */
  authHeaders(method: string): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.bearer) headers['authorization'] = `Bearer ${this.bearer}`;
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    return headers;
  }

  async raw(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers = { ...this.authHeaders(method), ...init.headers };
    return this.fetcher(path, { method, headers, body: init.body ?? null });
  }

  async json<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const response = await this.raw(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  }

  get<T = Json>(path: string, headers?: Record<string, string>) {
    return this.json<T>('GET', path, undefined, headers);
  }

  post<T = Json>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.json<T>('POST', path, body, headers);
  }
}
