/**
 * The one HTTP client of the web app. Same-origin fetch with the session cookie, JSON in and out,
 * errors turned into a typed ApiError. Authentication problems are broadcast to AuthEventsBridge,
 * which redirects (401 → /login, 403 PASSWORD_CHANGE_REQUIRED → /change-password,
 * 403 REGISTRATION_NOT_ACTIVE → /registration).
 */

export interface FieldError {
  field: string;
  label?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type AuthEvent =
  { type: 'unauthorized'; expired: boolean; message: string } | { type: 'password-change-required' } | { type: 'registration-not-active' };
type Listener = (e: AuthEvent) => void;
const listeners = new Set<Listener>();

/** Subscribes to authentication events; returns the unsubscribe function. */
export function onAuthEvent(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function emit(e: AuthEvent) {
  for (const l of listeners) l(e);
}

/** Query parameters: an object of strings, numbers, booleans; empty values are left out. */
export type QueryParams = object;

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, params?: QueryParams): string {
  if (!params) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params) as [string, unknown][]) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

interface ErrorBody {
  code?: string;
  message?: string;
  fields?: FieldError[];
  details?: { field?: string };
}

async function toError(res: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    /* not JSON (proxy error page, network) */
  }
  const code = body.code ?? (res.status >= 500 ? 'INTERNAL' : 'HTTP_' + res.status);
  const message = body.message ?? (res.status >= 500 ? '服务器暂时无法响应，请稍后再试' : `请求失败（${res.status}）`);
  let fields = body.fields ?? [];
  // Business errors name one field as details.field, with a message "标签：原因".
  if (!fields.length && body.details?.field) {
    fields = [{ field: body.details.field, message: message.replace(/^[^：]{1,12}：/, '') }];
  }
  return new ApiError(res.status, code, message, fields);
}

function broadcast(err: ApiError) {
  if (err.status === 401 && (err.code === 'UNAUTHORIZED' || err.code === 'SESSION_EXPIRED')) {
    emit({ type: 'unauthorized', expired: err.code === 'SESSION_EXPIRED', message: err.message });
  } else if (err.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') {
    emit({ type: 'password-change-required' });
  } else if (err.status === 403 && err.code === 'REGISTRATION_NOT_ACTIVE') {
    emit({ type: 'registration-not-active' });
  }
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const err = await toError(res);
    broadcast(err);
    throw err;
  }
  return res;
}

async function json<T>(res: Response): Promise<T> {
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export const api = {
  get: async <T>(path: string, params?: QueryParams) => json<T>(await send('GET', withQuery(path, params))),
  post: async <T>(path: string, body?: unknown) => json<T>(await send('POST', path, body)),
  put: async <T>(path: string, body?: unknown) => json<T>(await send('PUT', path, body)),
  patch: async <T>(path: string, body?: unknown) => json<T>(await send('PATCH', path, body)),
  del: async <T>(path: string) => json<T>(await send('DELETE', path)),
};

/** File name from Content-Disposition (RFC 5987 `filename*` first). */
export function fileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * A file from the API — GET with query params, or POST with a JSON body (printing issues a certificate, a state
 * change) — with the house error handling: failures are ApiErrors (and 401/forced-change are broadcast) instead of a
 * broken file. The caller reads the body (blob) and headers.
 */
export async function fetchFile(method: 'GET' | 'POST', path: string, input?: unknown): Promise<Response> {
  return method === 'GET' ? send('GET', withQuery(path, input as QueryParams | undefined)) : send('POST', path, input);
}

/** Saves a fetched file under the server's file name (else `fallback`); returns the name used. */
export async function saveFile(res: Response, fallback: string): Promise<string> {
  const name = fileName(res.headers.get('Content-Disposition'), fallback);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}

/** A list export the server turned into a background job (202): its id and title, for the progress window. */
export interface QueuedExport {
  id: number;
  title: string;
}
type ExportListener = (job: QueuedExport) => void;
const exportListeners = new Set<ExportListener>();

/** Subscribes to exports queued as background jobs (components/ExportJobs.tsx shows their progress); returns the unsubscribe. */
export function onExportQueued(l: ExportListener): () => void {
  exportListeners.add(l);
  return () => exportListeners.delete(l);
}

/**
 * Downloads a file (xlsx/csv export) through fetch so that errors surface as ApiError instead of a broken file. An
 * export with more rows than the server sends at once answers 202 with a background job instead: it is announced
 * to onExportQueued's listeners (a progress window with the download link when done; 我的导出 lists it too).
 */
export async function download(path: string, params?: QueryParams, fallbackName = 'export.xlsx'): Promise<void> {
  const res = await fetchFile('GET', path, params);
  if (res.status === 202) {
    const { job } = await json<{ job: QueuedExport }>(res);
    for (const l of exportListeners) l(job);
    return;
  }
  await saveFile(res, fallbackName);
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return '操作失败，请稍后再试';
}
