import { randomUUID } from 'node:crypto';
import type { Intercept, Request } from '../http.ts';
import type { FaultInput, FaultKind, FaultRule } from './wire-types.ts';

// Faults a test can inject per route pattern: the failures a wall dashboard meets in real homes
// (a Homey answering 429 after a burst, a cloud 503, a Wi-Fi drop mid-request, a proxy that cuts
// a body short, an answer lost after the server acted). Each rule applies to N requests or for a
// time window, whichever is given.

const KINDS: readonly FaultKind[] = ['latency', 'status', 'drop', 'hang', 'malformed', 'lose-answer'];

export function parseFaultInput(value: unknown): FaultInput | string {
  if (typeof value !== 'object' || value === null) return 'Expected a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.kind !== 'string' || !KINDS.includes(v.kind as FaultKind)) return `kind must be one of ${KINDS.join(', ')}`;
  for (const key of ['target', 'method', 'path'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') return `${key} must be a string`;
  }
  for (const key of ['latencyMs', 'status', 'retryAfter', 'count', 'durationMs'] as const) {
    if (v[key] !== undefined && (typeof v[key] !== 'number' || !Number.isFinite(v[key]) || (v[key] as number) < 0)) {
      return `${key} must be a non-negative number`;
    }
  }
  if (v.kind === 'status' && (typeof v.status !== 'number' || v.status < 400 || v.status > 599)) {
    return 'status faults need a status between 400 and 599';
  }
  if (v.kind === 'latency' && typeof v.latencyMs !== 'number') return 'latency faults need latencyMs';
  return v as unknown as FaultInput;
}

export class Faults {
  private rules: FaultRule[] = [];

  constructor(private readonly now: () => number) {}

  add(input: FaultInput): FaultRule {
    const rule: FaultRule = {
      id: randomUUID(),
      target: input.target ?? '*',
      method: input.method?.toUpperCase(),
      path: input.path ?? '*',
      kind: input.kind,
      latencyMs: input.latencyMs ?? 0,
      status: input.status ?? 500,
      retryAfter: input.retryAfter,
      remaining: input.count,
      until: input.durationMs === undefined ? undefined : this.now() + input.durationMs,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    this.prune();
    return [...this.rules];
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The steps to take for a request; consumes one use of each matching rule. */
  intercept(listener: string, req: Request): Intercept[] {
    this.prune();
    const steps: Intercept[] = [];
    for (const rule of this.rules) {
      if (!matchesTarget(rule.target, listener)) continue;
      if (rule.method && rule.method !== req.method) continue;
      if (!globToRegExp(rule.path).test(req.path)) continue;
      if (req.path.startsWith('/__emulator/')) continue;
      rule.hits++;
      if (rule.remaining !== undefined) rule.remaining--;
      steps.push(toIntercept(rule));
      if (rule.kind !== 'latency') break;
    }
    this.prune();
    return steps;
  }

  private prune(): void {
    const now = this.now();
    this.rules = this.rules.filter(
      (r) => (r.remaining === undefined || r.remaining > 0) && (r.until === undefined || r.until > now),
    );
  }
}

function matchesTarget(target: string, listener: string): boolean {
  return target === '*' || listener === target || listener.startsWith(`${target}:`);
}

const globCache = new Map<string, RegExp>();
function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    re = new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globCache.set(glob, re);
  }
  return re;
}

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function toIntercept(rule: FaultRule): Intercept {
  switch (rule.kind) {
    case 'latency':
      return { kind: 'delay', ms: rule.latencyMs };
    case 'drop':
      return { kind: 'drop' };
    case 'hang':
      return { kind: 'hang' };
    case 'malformed':
      return { kind: 'malformed' };
    case 'lose-answer':
      return { kind: 'lose-answer' };
    case 'status': {
      const text = STATUS_TEXT[rule.status] ?? `HTTP ${rule.status}`;
      const headers: Record<string, string> = {};
      if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
      return { kind: 'respond', response: { status: rule.status, headers, body: { error: text, error_description: text } } };
    }
  }
}
