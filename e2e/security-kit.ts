import type { Page } from '@playwright/test';

// Helpers for the security stories (README "Security"): what the page's Content-Security-Policy refused, and
// the production build served as a deployment would serve it (scripts/built-app.ts, shared with the
// benchmarks).

export { startBuiltApp } from '../scripts/built-app.ts';
export type { BuiltApp } from '../scripts/built-app.ts';

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
  page: string;
}

/**
 * Records every `securitypolicyviolation` on every page the tab shows (across navigations, which a
 * sign-in has several of), and every console line in which Chromium reports a policy problem (such
 * as a directive it ignores). Install before the first `goto`.
 */
export async function watchCspViolations(page: Page): Promise<() => CspViolation[]> {
  const seen: CspViolation[] = [];
  await page.exposeFunction('__e2eCspViolation', (violation: CspViolation) => {
    seen.push(violation);
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) seen.push({ directive: `console.${message.type()}`, blocked: '', source: '', sample: message.text(), page: page.url() });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: unknown[]; __e2eCspViolation(violation: unknown): void };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      const violation = {
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        sample: event.sample,
        page: location.href,
      };
      w.__cspViolations.push(violation);
      void w.__e2eCspViolation(violation);
    });
  });
  return () => [...seen];
}
