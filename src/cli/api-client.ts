import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/**
 * The CLI's HTTP client for commands that talk to a server (`submit`, `status`): base URL
 * and API token from flags or CLEARFRAME_URL / CLEARFRAME_TOKEN. Every failure becomes a
 * CliError with the server's message, never a stack trace.
 */
export type ApiOptions = { url?: string | undefined; token?: string | undefined };
export type ApiClient = {
  request<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
};

export function apiClient(options: ApiOptions): ApiClient {
  const base = options.url ?? process.env['CLEARFRAME_URL'];
  const token = options.token ?? process.env['CLEARFRAME_TOKEN'];
  if (!base)
    throw new CliError(
      'no server: pass --url or set CLEARFRAME_URL (e.g. http://127.0.0.1:3000)',
      EXIT.INVALID_INPUT,
    );
  if (!token) {
    throw new CliError(
      'no API token: pass --token or set CLEARFRAME_TOKEN (create one with POST /api/auth/tokens after signing in)',
      EXIT.INVALID_INPUT,
    );
  }
  return {
    async request<T>(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<T> {
      let response: Response;
      try {
        response = await fetch(new URL(path, base), {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? null : JSON.stringify(body),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new CliError(`cannot reach ${base} (${cause}); is the server running?`, EXIT.FAILURE);
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new CliError(
          `${base} answered ${response.status} with something that is not JSON`,
          EXIT.FAILURE,
        );
      }
      if (!response.ok) throw errorFrom(response.status, json);
      return json as T;
    },
  };
}

function errorFrom(status: number, json: unknown): CliError {
  const error = (json as { error?: { code?: string; message?: string; details?: { issues?: unknown[] } } })
    ?.error;
  const issues = (error?.details?.issues ?? []) as { path?: string; message?: string; value?: unknown }[];
  const lines = issues.map(
    (i) => `  - ${i.path ?? '?'}: ${i.message ?? ''} (got ${JSON.stringify(i.value)})`,
  );
  const message = [
    `${error?.code ?? `HTTP ${status}`}: ${error?.message ?? 'request refused'}`,
    ...lines,
  ].join('\n');
  return new CliError(message, status >= 400 && status < 500 ? EXIT.INVALID_INPUT : EXIT.FAILURE);
}

export function addApiOptions<T extends { option(flags: string, description: string): T }>(command: T): T {
  return command
    .option('--url <url>', 'server URL (default: CLEARFRAME_URL)')
    .option('--token <token>', 'API token (default: CLEARFRAME_TOKEN)');
}
