import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules that keep strings from becoming markup or code (eslint.config.js) are a security
// control, not style: removing or weakening one must fail a test, not pass unnoticed.

const eslint = new ESLint();

/** Rule ids ESLint reports as errors for `code`, linted as if it were a file of the app. */
async function errorsFor(code: string, filePath = 'src/x.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('lint refuses markup and code built from strings', () => {
  it.each([
    ['innerHTML', 'export function show(el: HTMLElement, s: string) {\n  el.innerHTML = s;\n}\n', /^no-restricted-syntax: innerHTML/],
    ['outerHTML', 'export function show(el: HTMLElement, s: string) {\n  el.outerHTML = s;\n}\n', /^no-restricted-syntax: outerHTML/],
    ['insertAdjacentHTML', "export function show(el: HTMLElement, s: string) {\n  el.insertAdjacentHTML('beforeend', s);\n}\n", /^no-restricted-syntax: insertAdjacentHTML/],
    ['dangerouslySetInnerHTML', 'export function Name({ s }: { s: string }) {\n  return <span dangerouslySetInnerHTML={{ __html: s }} />;\n}\n', /^no-restricted-syntax: dangerouslySetInnerHTML/],
    ['document.write', "export function show(s: string) {\n  document.write(s);\n}\n", /^no-restricted-syntax: document\.write/],
    ['document.writeln', "export function show(s: string) {\n  document.writeln(s);\n}\n", /^no-restricted-syntax: document\.write/],
    ['eval', "export const one = eval('1');\n", /^no-eval:/],
    ['new Function', "export const f = new Function('');\n", /^no-new-func:/],
    ['Function()', "export const f = Function('return 1');\n", /^no-new-func:/],
    ['setTimeout with a string', "export function later() {\n  setTimeout('alert(1)', 10);\n}\n", /^no-implied-eval:/],
  ])('%s is an error', async (_name, code, rule) => {
    const errors = await errorsFor(code);
    expect(errors.some((e) => rule.test(e)), errors.join('\n') || 'no errors at all').toBe(true);
  });

  it('also outside src/: the emulator, scripts and tests', async () => {
    for (const filePath of ['emulator/x.ts', 'scripts/x.ts', 'e2e/x.spec.ts']) {
      expect(await errorsFor('export function show(el: HTMLElement, s: string) {\n  el.innerHTML = s;\n}\n', filePath)).toEqual([
        expect.stringMatching(/^no-restricted-syntax: innerHTML/),
      ]);
    }
  });

  it('lets text through: textContent and JSX children are fine', async () => {
    const code = "export function Name({ s }: { s: string }) {\n  return <span title={s}>{s}</span>;\n}\nexport function show(el: HTMLElement, s: string) {\n  el.textContent = s;\n  document.title = s;\n}\n";
    expect(await errorsFor(code)).toEqual([]);
  });
});

// The rooms of docs/architecture.md are walls only while lint holds them: each must refuse a crossing.
describe('lint keeps the rooms apart', () => {
  const importOf = (from: string) => `import { x } from '${from}';\nexport const y = x;\n`;
  const refused = (errors: string[]) => errors.some((e) => e.startsWith('no-restricted-imports:'));

  it.each([
    ['a feature importing another feature', 'src/features/insights/sparkline.tsx', '../devices/device-tile.tsx'],
    ['a feature file in a subfolder importing another feature', 'src/features/devices/tiles/toggle-tile.tsx', '../../insights/sparkline.tsx'],
    ["a feature importing features/homey's internals", 'src/features/devices/device-queries.ts', '../homey/homey-session.ts'],
    ['a feature importing the app', 'src/features/devices/device-tile.tsx', '../../app/dashboard-screen.tsx'],
    ['src/lib importing a feature', 'src/lib/format.ts', '../features/devices/capability-kind.ts'],
    ['src/components importing a feature', 'src/components/problem-screen.tsx', '../features/homey/homey-client.ts'],
    ['product code importing test code', 'src/features/homey/homey-client.ts', '../../../test-support/emulator-client.ts'],
    ['product code importing bench code', 'src/app/dashboard-screen.tsx', '../../bench/page/instrumentation.ts'],
    ['product code importing the emulator', 'src/app/app.tsx', '../../emulator/server.ts'],
  ])('%s is an error', async (_name, filePath, from) => {
    const errors = await errorsFor(importOf(from), filePath);
    expect(refused(errors), errors.join('\n') || 'no errors at all').toBe(true);
  });

  it.each([
    ['a feature importing the Homey environment', 'src/features/insights/sparkline.tsx', '../homey/homey-environment.tsx'],
    ['a feature importing its own files', 'src/features/devices/device-tile.tsx', './capability-kind.ts'],
    ['a feature importing src/lib', 'src/features/devices/device-tile.tsx', '../../lib/format.ts'],
    ['the app importing features', 'src/app/dashboard-screen.tsx', '../features/devices/device-tile.tsx'],
    ['a test importing test code', 'src/features/homey/homey-client.test.ts', '../../../test-support/emulator-client.ts'],
  ])('%s is allowed', async (_name, filePath, from) => {
    expect(refused(await errorsFor(importOf(from), filePath))).toBe(false);
  });
});
