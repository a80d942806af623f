// The benchmark's rows, the table it prints and the numbers it keeps (bench/results.json).

export interface Row {
  /** `1a`, `2b`…: figure number and part. */
  id: string;
  figure: string;
  /** As printed. */
  value: string;
  /** As printed; `—` when the row only informs. */
  budget: string;
  /** `null`: no budget (information), or the figure was not run. */
  pass: boolean | null;
  /** The raw numbers behind the row, for results.json. */
  data?: Record<string, unknown>;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

export function spread(runs: readonly number[]): Spread {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0] ?? Number.NaN, median, max: sorted.at(-1) ?? Number.NaN, runs: [...runs] };
}

/** `min / median / max unit` with the number of runs. */
export function formatSpread(s: Spread, unit: string, digits = 0): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  return `${f(s.min)} / ${f(s.median)} / ${f(s.max)} ${unit} (min/med/max, ${s.runs.length} runs)`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

export function table(rows: readonly Row[]): string {
  const header = ['#', 'figure', 'value', 'budget', 'pass'];
  const cells = rows.map((r) => [r.id, r.figure, r.value, r.budget, r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

/** The same table as Markdown, for README "Performance". */
export function markdownTable(rows: readonly Row[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    '| # | figure | value | budget | pass |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.id} | ${esc(r.figure)} | ${esc(r.value)} | ${esc(r.budget)} | ${r.pass === null ? '—' : r.pass ? 'pass' : '**FAIL**'} |`),
  ].join('\n');
}
