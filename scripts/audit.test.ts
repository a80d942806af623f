import { describe, expect, it } from 'vitest';
import { judgeAudit } from './audit.ts';

// What `npm run audit` decides from `npm audit --json` (npm 10's report format).

const clean = { auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } } };

function reportWith(severity: string) {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      'some-lib': {
        name: 'some-lib',
        severity,
        via: [{ title: 'Prototype pollution in some-lib', url: 'https://github.com/advisories/GHSA-xxxx', severity }],
        fixAvailable: true,
      },
      'uses-some-lib': { name: 'uses-some-lib', severity, via: ['some-lib'], fixAvailable: true },
    },
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, [severity]: 2, total: 2 } },
  };
}

describe('the dependency audit', () => {
  it('passes a clean report and says what it counted', () => {
    expect(judgeAudit(clean, { required: true })).toEqual({
      ok: true,
      lines: ['Dependency audit of runtime dependencies: 0 critical, 0 high, 0 moderate, 0 low, 0 info'],
    });
  });

  it.each(['high', 'critical'])('fails on a %s advisory in a runtime dependency, naming it', (severity) => {
    const verdict = judgeAudit(reportWith(severity), { required: false });
    expect(verdict.ok).toBe(false);
    expect(verdict.lines).toContain(`  BLOCKS ${severity} some-lib: Prototype pollution in some-lib (https://github.com/advisories/GHSA-xxxx)`);
    expect(verdict.lines).toContain(`  BLOCKS ${severity} uses-some-lib: via some-lib`);
  });

  it.each(['moderate', 'low'])('lists a %s advisory without failing', (severity) => {
    const verdict = judgeAudit(reportWith(severity), { required: true });
    expect(verdict.ok).toBe(true);
    expect(verdict.lines).toContain(`  noted  ${severity} some-lib: Prototype pollution in some-lib (https://github.com/advisories/GHSA-xxxx)`);
  });

  it('fails when an audit is required and the registry cannot answer, and only warns otherwise', () => {
    const refused = { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', error: { summary: '', detail: '' } };
    expect(judgeAudit(refused, { required: true })).toEqual({ ok: false, lines: [`Dependency audit could not run: ${refused.message}`] });
    const local = judgeAudit(refused, { required: false });
    expect(local.ok).toBe(true);
    expect(local.lines[0]).toMatch(/^WARNING: dependency audit skipped: 405 Method Not Allowed.*set AUDIT_REQUIRED=1 where one does\.$/);
    expect(judgeAudit('not json at all', { required: true }).ok).toBe(false);
  });
});
