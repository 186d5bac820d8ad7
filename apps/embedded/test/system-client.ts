import { expect } from '@jest/globals';

/** A minimal HTTP client for the end-to-end tests: what a clerk's browser or a script would send. */
export class SystemClient {
  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  withToken(token: string): SystemClient {
    return new SystemClient(this.baseUrl, token);
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (e.g. /metrics)
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  async login(username: string, password: string): Promise<string> {
    const response = await this.request('POST', '/api/auth/token', { username, password });
    expect(response.status).toBe(200);
    return (response.body as { accessToken: string }).accessToken;
  }
}
