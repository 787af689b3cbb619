import type {
  ApiErrorBody,
  CommentDto,
  ConsentDto,
  DecisionInput,
  DisclosureDto,
  LedgerVerificationDto,
  NewProductionInput,
  OrganisationDto,
  PerformerDto,
  ProductionDto,
  RevisionDto,
  ScanDetailDto,
  ScanDto,
  SignInResult,
  ToolDto,
  UserDto,
  UserSummaryDto,
} from './types.js';

/** A refused or failed request, carrying the API's error shape so screens can say what to fix. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_KEY = 'clearframe.csrf';

/**
 * The CSRF token comes with sign-in only, so it is kept for the tab's lifetime: a reload
 * keeps the session cookie and must keep the token too. sessionStorage dies with the tab.
 */
export const csrf = {
  get: (): string | null => sessionStorage.getItem(CSRF_KEY),
  set: (token: string | null): void => {
    if (token === null) sessionStorage.removeItem(CSRF_KEY);
    else sessionStorage.setItem(CSRF_KEY, token);
  },
};

type RequestOptions = {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT';
  readonly body?: unknown;
  readonly ifMatch?: number;
  readonly idempotencyKey?: string;
};

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'error' in value;
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrf.get();
    if (token !== null) headers['x-csrf-token'] = token;
  }
  if (options.ifMatch !== undefined) headers['if-match'] = `"v${options.ifMatch}"`;
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details);
    }
    throw new ApiError(response.status, 'HTTP', `The server answered ${response.status}.`);
  }
  return payload as T;
}

const id = encodeURIComponent;

/** Every endpoint the app calls, one line each, so the API surface it needs is readable here. */
export const api = {
  signIn: (email: string, password: string) =>
    request<SignInResult>('/api/auth/sign-in', { method: 'POST', body: { email, password } }),
  signOut: () => request<void>('/api/auth/sign-out', { method: 'POST' }),
  me: () => request<{ user: UserDto }>('/api/auth/me'),
  productions: () => request<{ items: ProductionDto[] }>('/api/productions'),
  createProduction: (input: NewProductionInput, idempotencyKey: string) =>
    request<ProductionDto>('/api/productions', { method: 'POST', body: input, idempotencyKey }),
  updateProduction: (productionId: string, patch: { title?: string; format?: string }, version: number) =>
    request<ProductionDto>(`/api/productions/${id(productionId)}`, {
      method: 'PATCH',
      body: patch,
      ifMatch: version,
    }),
  setProductionVendors: (productionId: string, vendorOrgIds: readonly string[], version: number) =>
    request<ProductionDto>(`/api/productions/${id(productionId)}/vendors`, {
      method: 'PUT',
      body: { vendorOrgIds },
      ifMatch: version,
    }),
  setProductionContacts: (productionId: string, contactIds: readonly string[], version: number) =>
    request<ProductionDto>(`/api/productions/${id(productionId)}/contacts`, {
      method: 'PUT',
      body: { contactIds },
      ifMatch: version,
    }),
  organisations: () => request<{ items: OrganisationDto[] }>('/api/admin/organisations'),
  users: () => request<{ items: UserSummaryDto[] }>('/api/admin/users'),
  disclosures: (query: { productionId?: string; state?: string } = {}) => {
    const params = new URLSearchParams({ limit: '200', ...query });
    return request<{ items: DisclosureDto[] }>(`/api/disclosures?${params}`);
  },
  disclosure: (disclosureId: string) => request<DisclosureDto>(`/api/disclosures/${id(disclosureId)}`),
  revisions: (disclosureId: string) =>
    request<{ items: RevisionDto[] }>(`/api/disclosures/${id(disclosureId)}/revisions`),
  submit: (productionId: string, disclosure: unknown, idempotencyKey: string) =>
    request<DisclosureDto>(`/api/productions/${id(productionId)}/disclosures`, {
      method: 'POST',
      body: { disclosure },
      idempotencyKey,
    }),
  revise: (disclosureId: string, disclosure: unknown, version: number) =>
    request<DisclosureDto>(`/api/disclosures/${id(disclosureId)}/revisions`, {
      method: 'POST',
      body: { disclosure },
      ifMatch: version,
    }),
  decide: (disclosureId: string, input: DecisionInput, version: number) =>
    request<DisclosureDto>(`/api/disclosures/${id(disclosureId)}/decisions`, {
      method: 'POST',
      body: input,
      ifMatch: version,
    }),
  withdraw: (disclosureId: string, version: number) =>
    request<DisclosureDto>(`/api/disclosures/${id(disclosureId)}/withdraw`, {
      method: 'POST',
      ifMatch: version,
    }),
  completeCondition: (conditionId: string) =>
    request<DisclosureDto>(`/api/conditions/${id(conditionId)}/complete`, { method: 'POST' }),
  comments: (disclosureId: string) =>
    request<{ items: CommentDto[] }>(`/api/disclosures/${id(disclosureId)}/comments`),
  addComment: (disclosureId: string, body: string, idempotencyKey: string) =>
    request<CommentDto>(`/api/disclosures/${id(disclosureId)}/comments`, {
      method: 'POST',
      body: { body },
      idempotencyKey,
    }),
  verifyLedger: () => request<LedgerVerificationDto>('/api/audit/verify'),
  tools: () => request<{ items: ToolDto[] }>('/api/tools'),
  performers: () => request<{ items: PerformerDto[] }>('/api/performers'),
  consents: () => request<{ items: ConsentDto[] }>('/api/consents'),
  scans: (productionId: string) =>
    request<{ items: ScanDto[] }>(`/api/productions/${id(productionId)}/scans?limit=50`),
  scan: (scanId: string) => request<ScanDetailDto>(`/api/scans/${id(scanId)}`),
  /** A plain link, not a fetch: the browser downloads the PDF with the session cookie. */
  letterUrl: (approvalId: string) => `/api/approvals/${id(approvalId)}/letter`,
};
