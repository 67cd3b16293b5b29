// The one way the console talks to the server: JSON over same-origin fetch, with the session in an
// HttpOnly cookie (never in JS-readable storage), and every failure turned into an ApiError that
// keeps the server's `{ code, message, details }` so pages can show the server's own wording.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let unauthorizedHandler: (() => void) | null = null;
let acceptLanguage = 'zh-CN';

/** Called when a request shows the session is gone, so the app can send the user to /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Lets the server answer in the console's language if it localises its messages. */
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

export type Query = Record<string, string | number | null | undefined>;

/** Appends the non-empty parameters; empty filters mean "no filter", not "equals empty". */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A body sent as it is (a file), rather than as JSON. */
interface RawBody {
  raw: Blob;
  contentType: string;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const raw = body instanceof Object && 'raw' in body && (body as RawBody).raw instanceof Blob ? (body as RawBody) : null;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Accept-Language': acceptLanguage,
        ...(raw ? { 'Content-Type': raw.contentType } : body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: raw ? raw.raw : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network_error', err instanceof Error ? err.message : String(err));
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await toApiError(res);
  // `invalid_credentials` means "what you typed is wrong" (login, current password), not
  // "your session ended"; only the latter should throw the user out to the login page.
  if (res.status === 401 && error.code !== 'invalid_credentials') unauthorizedHandler?.();
  throw error;
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await res.json();
  } catch {
    payload = undefined;
  }
  const p = (payload ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  // Some layers (rate limiter, proxies) may not answer in our error shape; keep what there is.
  const code = typeof p.code === 'string' ? p.code : `http_${res.status}`;
  const message = typeof p.message === 'string' ? p.message : res.statusText;
  return new ApiError(res.status, code, message, p.details);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Posts a file as the raw request body (the server takes spreadsheets this way, not as multipart). */
  upload: <T>(path: string, file: Blob, contentType: string) => request<T>('POST', path, { raw: file, contentType } satisfies RawBody),
};
