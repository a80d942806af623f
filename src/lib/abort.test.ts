import { describe, expect, it } from 'vitest';
import { abortReason, throwIfAborted } from './abort.ts';

describe('abort helpers', () => {
  it('pass on the reason a signal aborted with', () => {
    const controller = new AbortController();
    const reason = new Error('unmounted');
    controller.abort(reason);
    expect(abortReason(controller.signal)).toBe(reason);
    expect(() => throwIfAborted(controller.signal)).toThrow(reason);
  });

  it('make an AbortError where the browser keeps no reason (Safari before 15.4)', () => {
    const signal = { aborted: true, reason: undefined } as unknown as AbortSignal;
    const error = abortReason(signal);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('do nothing for a live signal or none', () => {
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
    expect(() => throwIfAborted(undefined)).not.toThrow();
  });
});
