import { describe, expect, it } from 'vitest';
import {
  HomeyHttpError,
  HomeyMalformedResponseError,
  HomeyNetworkError,
  HomeyTimeoutError,
  SignInRequiredError,
  describeErrorBody,
  httpErrorFromBody,
  isRetryable,
  parseRetryAfter,
  redact,
  retryAtOf,
  retryDelayMs,
  retryNotBefore,
} from './errors.ts';

describe('retryDelayMs', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    const middle = () => 0.5;
    const delays = Array.from({ length: 8 }, (_, attempt) => retryDelayMs(attempt, undefined, middle));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('spreads each delay by a quarter either way, never past the cap', () => {
    expect(retryDelayMs(0, undefined, () => 0)).toBe(750);
    expect(retryDelayMs(0, undefined, () => 0.999_999)).toBe(1250);
    expect(retryDelayMs(2, undefined, () => 0)).toBe(3000);
    expect(retryDelayMs(4, undefined, () => 0.999_999)).toBe(20_000);
    expect(retryDelayMs(20, undefined, () => 0.999_999)).toBe(30_000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(3, undefined);
      expect(d).toBeGreaterThanOrEqual(6000);
      expect(d).toBeLessThanOrEqual(10_000);
    }
  });

  it('waits as long as a 429 asked, and backs off as usual without Retry-After', () => {
    const limited = new HomeyHttpError({ status: 429, error: 'Too Many Requests', retryAfterMs: 7000 });
    expect(retryDelayMs(0, limited, () => 0)).toBe(7000);
    expect(retryDelayMs(5, limited, () => 0)).toBe(7000);
    const noHeader = new HomeyHttpError({ status: 429, error: 'Too Many Requests' });
    expect(retryDelayMs(1, noHeader, () => 0.5)).toBe(2000);
  });

  it('waits until the back-off that marked the failure ends, found through any wrapping', () => {
    const at = 1_800_000_050_000;
    const inner = retryNotBefore(new HomeyNetworkError('Could not reach Athom'), at);
    const wrapped = new SignInRequiredError('outer', { cause: new Error('relay', { cause: inner }) });
    // Late in the query's own back-off (16 s ±25 %), the door opens in 3 s: 3 s and a small spread.
    expect(retryDelayMs(4, wrapped, () => 0, at - 3000)).toBe(3000);
    expect(retryDelayMs(4, wrapped, () => 0.999_999, at - 3000)).toBe(3250);
    // Early, the back-off is longer than the query's own 1 s: it waits the whole of it.
    expect(retryDelayMs(0, inner, () => 0, at - 8000)).toBe(8000);
    // Already open: at once, within the spread.
    expect(retryDelayMs(2, inner, () => 0.5, at + 1000)).toBe(125);
  });
});

describe('retryNotBefore', () => {
  it('keeps the later of two marks, reads the latest along the causes, and leaves the error as it was', () => {
    const error = new HomeyNetworkError('x');
    expect(retryAtOf(error)).toBeUndefined();
    expect(retryNotBefore(error, 2000)).toBe(error);
    retryNotBefore(error, 1000);
    expect(retryAtOf(error)).toBe(2000);
    retryNotBefore(error, 5000);
    expect(retryAtOf(error)).toBe(5000);
    const outer = retryNotBefore(new Error('outer', { cause: error }), 3000);
    expect(retryAtOf(outer)).toBe(5000);
    // Invisible to JSON, keys and the message: a mark changes no log or report.
    expect(Object.keys(error)).not.toContain('retryAt');
    expect(JSON.stringify({ ...error })).not.toContain('5000');
    expect(retryNotBefore('text', 1000)).toBe('text');
    expect(retryAtOf(undefined)).toBeUndefined();
  });
});

describe('isRetryable', () => {
  it.each([
    ['a network error', new HomeyNetworkError('Could not reach Homey "Home"'), true],
    ['a timeout', new HomeyTimeoutError('Homey "Home" did not answer within 10 s', 10_000), true],
    ['a body cut short', new HomeyMalformedResponseError('not JSON'), true],
    ['500', new HomeyHttpError({ status: 500 }), true],
    ['503', new HomeyHttpError({ status: 503 }), true],
    ['429', new HomeyHttpError({ status: 429 }), true],
    ['400', new HomeyHttpError({ status: 400 }), false],
    ['401', new HomeyHttpError({ status: 401 }), false],
    ['403', new HomeyHttpError({ status: 403 }), false],
    ['404', new HomeyHttpError({ status: 404 }), false],
    ['a sign-in refusal', new SignInRequiredError('Sign in again'), false],
    ['an abort', new DOMException('The operation was aborted.', 'AbortError'), false],
    ['a programming error', new TypeError('x is undefined'), false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:00:10 GMT', now)).toBe(10_000);
  });

  it('treats dates in the past as now, caps odd values, ignores garbage', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(5 * 60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('HomeyHttpError', () => {
  it('reads like the Homey said it', () => {
    const e = httpErrorFromBody(403, { error: 'Missing Scopes', error_description: 'Missing Scopes', statusCode: 403 }, { service: 'Homey' });
    expect(e.message).toBe('Homey answered 403: Missing Scopes');
    expect(e.status).toBe(403);
    expect(e.error).toBe('Missing Scopes');
  });

  it("keeps Athom's error code beside its description", () => {
    const e = httpErrorFromBody(400, { error: 'invalid_grant', error_description: 'Code has expired' }, { service: 'Athom cloud' });
    expect(e.message).toBe('Athom cloud answered 400: Code has expired (invalid_grant)');
    expect(e.error).toBe('invalid_grant');
    expect(e.description).toBe('Code has expired');
  });

  it('flattens an error_description of field messages', () => {
    const body = { error: 'invalid_request', error_description: { email: 'is required', password: ['is too short', 'needs a digit'] } };
    const e = httpErrorFromBody(400, body, { service: 'Athom cloud' });
    expect(e.description).toBe('email: is required; password: is too short; password: needs a digit');
    expect(e.message).toContain('email: is required');
    expect(describeErrorBody({ user: { name: { first: 'missing' } } })).toBe('user.name.first: missing');
    expect(describeErrorBody({})).toBeUndefined();
  });

  it('falls back to a text body, then to the status text', () => {
    expect(httpErrorFromBody(502, '<html>Bad Gateway</html>', { service: 'Homey' }).message).toBe('Homey answered 502: <html>Bad Gateway</html>');
    expect(httpErrorFromBody(502, '', { service: 'Homey', statusText: 'Bad Gateway' }).message).toBe('Homey answered 502: Bad Gateway');
    expect(httpErrorFromBody(502, '', { service: 'Homey' }).message).toBe('Homey answered 502: HTTP 502');
  });

  it('never carries a token or a JWT, even when the body echoes one', () => {
    const session = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e:7c8d9e0f-1a2b-4c3d:8e2d4c6b0a9f';
    const jwt = 'eyJhbGciOiJSUzUxMiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQ';
    const e = httpErrorFromBody(401, { error: `Invalid Session ${session}`, error_description: `token ${jwt} refused` }, {
      service: 'Homey',
      secrets: [session],
    });
    const everything = `${e.message} ${e.error} ${e.description} ${String(e)} ${e.stack} ${JSON.stringify(e)}`;
    expect(everything).not.toContain(session);
    expect(everything).not.toContain(jwt);
    expect(e.message).toContain('[redacted]');
    expect(redact('short ab', ['ab'])).toBe('short ab');
  });
});
