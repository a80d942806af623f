// `AbortSignal.prototype.throwIfAborted()` and `signal.reason` came with Chrome 98–100 and Safari
// 15.4, after the oldest browsers the dashboard supports (README "Browser support"); these stand in
// for them, with the same result where the browser has them.

/** Why `signal` aborted: its `reason`, or the AbortError that browsers without `reason` imply. */
export function abortReason(signal: AbortSignal): unknown {
  return (signal.reason as unknown) ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Throws the abort reason if `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}
