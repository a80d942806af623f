import {
  HomeyMalformedResponseError,
  HomeyNetworkError,
  HomeyTimeoutError,
  httpErrorFromBody,
  parseRetryAfter,
} from './errors.ts';
import type { Service } from './errors.ts';
import { abortReason, throwIfAborted } from '../../lib/abort.ts';

// One JSON request to a Homey or to Athom's cloud, turned into a value or into exactly one of the
// errors in errors.ts. Everything that talks HTTP in this feature goes through here, so timeouts,
// aborts and error bodies are handled the same way everywhere.

export type FetchLike = typeof globalThis.fetch;

export interface JsonRequest {
  fetch: FetchLike;
  url: string;
  method: 'GET' | 'PUT' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON when defined. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  service: Service;
  /** Who is asked, for messages: `Homey "Home" over the local network`, `Athom's cloud`. */
  target: string;
  /** Never shown in an error message (the bearer token of this request). */
  secrets?: readonly string[];
}

export interface JsonAnswer {
  value: unknown;
  headers: Headers;
}

export async function sendJson(request: JsonRequest): Promise<JsonAnswer> {
  const { signal } = request;
  throwIfAborted(signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const onAbort = () => controller.abort(signal && abortReason(signal));
  signal?.addEventListener('abort', onAbort, { once: true });

  // Whatever rejects (the fetch, or reading a body that was cut off) is one of three things.
  const failure = (cause: unknown): unknown => {
    if (signal?.aborted) return abortReason(signal);
    if (timedOut) {
      return new HomeyTimeoutError(`${request.target} did not answer within ${formatSeconds(request.timeoutMs)}`, request.timeoutMs);
    }
    return new HomeyNetworkError(`Could not reach ${request.target}`, { cause });
  };

  const headers: Record<string, string> = { ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.body);
  }

  try {
    let response: Response;
    let text: string;
    try {
      // Called unbound: a browser's fetch throws "Illegal invocation" when `this` is another object.
      const { fetch } = request;
      response = await fetch(request.url, { method: request.method, headers, body, signal: controller.signal });
      text = await response.text();
    } catch (cause) {
      throw failure(cause);
    }

    const parsed = parseJson(text);
    if (!response.ok) {
      throw httpErrorFromBody(response.status, parsed.ok ? parsed.value : text, {
        service: request.service,
        retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
        secrets: request.secrets,
        statusText: response.statusText,
      });
    }
    if (!parsed.ok) {
      throw new HomeyMalformedResponseError(
        `${request.target} answered ${response.status} with a body that is not JSON (${text.length} bytes)`,
      );
    }
    return { value: parsed.value, headers: response.headers };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  // An empty 2xx body (204) is no value, not a broken one.
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
