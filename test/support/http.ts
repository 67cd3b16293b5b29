// A small client for HTTP tests: JSON in and out, a cookie jar of one session.
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  private cookie: string | null = null;
  token: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: h,
      body:
        body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});

  async login(username: string, password = 'Gongshu@2026'): Promise<Reply> {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status === 200) this.token = r.body.token;
    return r;
  }
}
