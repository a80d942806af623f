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
