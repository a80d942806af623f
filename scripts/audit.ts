import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run audit`, the last step of `npm test`: `npm audit --omit=dev --audit-level=high`, read
// from its JSON so that "the registry cannot answer audit requests" is told apart from "a
// vulnerability was found". A high or critical advisory in a runtime dependency (what ships to the
// browser) always fails. An audit that could not run (our CI's registry mirror answers audit
// requests with 405) warns loudly, and fails only where AUDIT_REQUIRED is set: a pipeline whose
// registry does answer should set it.
// Why moderate/low and dev tools do not block: README "Security".

export const AUDIT_COMMAND = ['audit', '--omit=dev', '--audit-level=high', '--json'] as const;

const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;
type Severity = (typeof SEVERITIES)[number];
const BLOCKING: ReadonlySet<string> = new Set<Severity>(['critical', 'high']);

interface Advisory {
  title?: string;
  url?: string;
  severity?: string;
}

interface AuditReport {
  metadata?: { vulnerabilities?: Partial<Record<Severity, number>> };
  vulnerabilities?: Record<string, { name?: string; severity?: string; via?: (string | Advisory)[]; fixAvailable?: unknown }>;
  message?: string;
  error?: { summary?: string; detail?: string };
}

export interface Verdict {
  ok: boolean;
  lines: string[];
}

export function judgeAudit(report: unknown, { required }: { required: boolean }): Verdict {
  const r = (typeof report === 'object' && report !== null ? report : {}) as AuditReport;
  const counts = r.metadata?.vulnerabilities;
  if (!counts) {
    const reason = r.error?.summary || r.message || 'npm audit gave no report';
    return required
      ? { ok: false, lines: [`Dependency audit could not run: ${reason}`] }
      : { ok: true, lines: [`WARNING: dependency audit skipped: ${reason}. This registry does not answer audit requests; set AUDIT_REQUIRED=1 where one does.`] };
  }
  const packages = Object.values(r.vulnerabilities ?? {});
  const blocking = packages.filter((p) => BLOCKING.has(p.severity ?? ''));
  const lines = [`Dependency audit of runtime dependencies: ${SEVERITIES.map((s) => `${counts[s] ?? 0} ${s}`).join(', ')}`];
  for (const p of [...blocking, ...packages.filter((x) => !blocking.includes(x))]) {
    const advisories = (p.via ?? []).map((v) => (typeof v === 'string' ? `via ${v}` : `${v.title ?? 'advisory'}${v.url ? ` (${v.url})` : ''}`));
    lines.push(`  ${BLOCKING.has(p.severity ?? '') ? 'BLOCKS' : 'noted '} ${p.severity ?? '?'} ${p.name ?? '?'}: ${[...new Set(advisories)].join('; ')}`);
  }
  if (blocking.length > 0) lines.push(`${blocking.length} runtime ${blocking.length === 1 ? 'dependency has' : 'dependencies have'} a high or critical advisory: update, or replace, before shipping.`);
  return { ok: blocking.length === 0, lines };
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function main(): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, [...AUDIT_COMMAND], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let report: unknown;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = { message: (run.error?.message ?? run.stderr.trim().split('\n').pop()) || `npm audit exited with ${run.status}` };
  }
  const verdict = judgeAudit(report, { required: isSet(process.env.AUDIT_REQUIRED) });
  console.log(`npm ${AUDIT_COMMAND.filter((a) => a !== '--json').join(' ')}`);
  for (const line of verdict.lines) (verdict.ok ? console.log : console.error)(line);
  process.exitCode = verdict.ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
