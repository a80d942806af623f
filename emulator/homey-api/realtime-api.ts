import { createRequire } from 'node:module';
import { HttpError } from '../http.ts';
import type { Request, Router } from '../http.ts';

// The socket's `api` call, `{uri, operation, args}`, is the call the official client would otherwise
// make over HTTP: its Manager.js builds both from one entry of Athom's specification. So the call is
// turned into exactly that HTTP request and handed to the same route, and scopes, validation and side
// effects (a capability event, an Insights sample) cannot differ between the two ways in.

interface Parameter {
  in: 'path' | 'query' | 'body';
  required?: boolean;
  root?: boolean;
}
interface Operation {
  method: string;
  path: string;
  parameters?: Record<string, Parameter>;
}
interface Specification {
  managers: Record<string, { id: string; operations: Record<string, Operation> }>;
}

const require = createRequire(import.meta.url);
const spec = require('homey-api/assets/specifications/HomeyAPIV3Local.json') as Specification;
const managersById = new Map(Object.values(spec.managers).map((m) => [m.id, m]));

export interface ApiCall {
  uri: string;
  operation: string;
  args: Record<string, unknown>;
}

/** The error a Homey acknowledges with; the official client reads `statusCode` and `error_description`. */
export interface ApiError {
  error: string;
  error_description: string;
  statusCode: number;
}

export type ApiOutcome = { ok: true; result: unknown } | { ok: false; error: ApiError };

function failure(statusCode: number, message: string): ApiOutcome {
  return { ok: false, error: { error: message, error_description: message, statusCode } };
}

export function parseApiCall(payload: unknown): ApiCall | string {
  if (typeof payload !== 'object' || payload === null) return 'Expected {uri, operation, args}';
  const { uri, operation, args } = payload as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof operation !== 'string') return 'Expected {uri, operation, args}';
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) return 'args must be an object';
  return { uri, operation, args: (args ?? {}) as Record<string, unknown> };
}

/** The HTTP request the official client would have sent for this call, or why there is none. */
export function toHttpRequest(call: ApiCall, token: string): Request | ApiOutcome {
  const managerId = /^homey:manager:([a-z-]+)$/.exec(call.uri)?.[1];
  const manager = managerId === undefined ? undefined : managersById.get(managerId);
  if (!manager) return failure(404, `Not Found: ${call.uri}`);
  const operation = manager.operations[call.operation];
  if (!operation) return failure(404, `Not Found: ${call.uri} ${call.operation}`);

  let path = operation.path;
  let body: unknown = {};
  const query = new URLSearchParams();
  for (const [id, parameter] of Object.entries(operation.parameters ?? {})) {
    const value = call.args[id];
    if (value === undefined) {
      if (parameter.required) return failure(400, `Missing Parameter: ${id}`);
      continue;
    }
    if (parameter.in === 'path') path = path.replace(`:${id}`, encodeURIComponent(String(value)));
    else if (parameter.in === 'query') query.set(id, String(value));
    else if (parameter.root) body = value;
    else (body as Record<string, unknown>)[id] = value;
  }
  const search = query.toString() === '' ? '' : `?${query}`;
  const url = new URL(`/api/manager/${manager.id}${path}${search}`, 'http://emulator.invalid');
  const hasBody = operation.method.toLowerCase() !== 'get' && Object.keys(body as object).length > 0;
  return {
    method: operation.method.toUpperCase(),
    url,
    path: url.pathname,
    headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    params: {},
    rawBody: hasBody ? Buffer.from(JSON.stringify(body), 'utf8') : Buffer.alloc(0),
  };
}

/** Runs an `api` call through the listener's own router, as if it had come over HTTP with the connection's token. */
export async function dispatchApiCall(router: Router, call: ApiCall, token: string): Promise<ApiOutcome> {
  const request = toHttpRequest(call, token);
  if (!('method' in request)) return request;
  const match = router.match(request.method, request.path);
  if (match === undefined || match === 'method-not-allowed') {
    // Known to Athom's specification, but not an endpoint the emulator serves.
    return failure(404, `Not Found: ${call.uri} ${call.operation}`);
  }
  request.params = match.params;
  try {
    const response = await match.handler(request);
    if (response.status >= 400) return failure(response.status, errorMessage(response.body) ?? `HTTP ${response.status}`);
    return { ok: true, result: response.body };
  } catch (err) {
    if (err instanceof HttpError) return failure(err.status, errorMessage(err.body) ?? err.message);
    return failure(500, (err as Error)?.message ?? String(err));
  }
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? body : undefined;
  const { error_description: description, error } = body as Record<string, unknown>;
  if (typeof description === 'string') return description;
  return typeof error === 'string' ? error : undefined;
}
