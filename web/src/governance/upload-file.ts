// Sends a file as the raw request body with XMLHttpRequest rather than fetch: only XHR reports upload
// progress (upload.onprogress), and a department's file can be hundreds of megabytes. Failures become
// the same ApiError the rest of the console uses, with the server's `{ code, message, details }`.
import { api, ApiError } from '../api';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  /** The console's language, for the server's messages (as api.ts sends it). */
  lang: string;
  onProgress?: (p: UploadProgress) => void;
  /** Aborts the upload; the promise then rejects with code `aborted`. */
  signal?: AbortSignal;
}

/** The files a batch takes, by extension (the server detects the format itself; this only screens). */
export const BATCH_FILE_EXTENSIONS = ['.csv', '.xlsx', '.jsonl'] as const;

export function isBatchFile(name: string): boolean {
  const lower = name.toLowerCase();
  return BATCH_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function uploadRaw<T>(url: string, file: Blob, opts: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', opts.lang);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.({ loaded: e.loaded, total: e.total });
    };
    xhr.onload = () => {
      const payload = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload as T);
        return;
      }
      const p = (payload ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      const code = typeof p.code === 'string' ? p.code : `http_${xhr.status}`;
      const error = new ApiError(xhr.status, code, typeof p.message === 'string' ? p.message : xhr.statusText, p.details);
      // api.ts owns "the session is gone": a cheap call through it lets it send the user to /login.
      if (xhr.status === 401) void api.get('/api/v1/auth/me').catch(() => undefined);
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'aborted'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
