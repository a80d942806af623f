import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.ts';
import type { Emulator } from '../emulator/server.ts';

// The recipes in docs/homey-web-api.md (curl, and §4's Node listener on the realtime socket), run as a
// reader runs them: in order, in one bash shell, against an emulator, each compared with the output the
// page shows for it. A page whose recipes
// stopped working fails here instead of in a forum thread. The fences are described at the top of the page.

const PAGE = 'docs/homey-web-api.md';
const PAGE_FILE = new URL(`../${PAGE}`, import.meta.url);
const run = promisify(execFile);

interface Block {
  kind: 'recipe' | 'not-yet-run';
  section: string;
  line: number;
  code: string;
  prints: string | undefined;
  /** Index of the closing fence. */
  end: number;
}

function parseBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let section = '(before §1)';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (§\d+)/.exec(lines[i]!);
    if (heading) section = heading[1]!;
    const fence = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const info = `${fence[1]} ${fence[2]}`.trim();
    if (info === 'sh recipe' || info === 'sh not-yet-run') {
      blocks.push({ kind: info === 'sh recipe' ? 'recipe' : 'not-yet-run', section, line: start + 1, code: body.join('\n'), prints: undefined, end: i });
    } else if (info === 'text prints') {
      const last = blocks.at(-1);
      // A prints block belongs to the recipe fenced right above it, nothing in between.
      if (last && last.prints === undefined && last.end === start - 1) last.prints = body.join('\n');
    }
  }
  return blocks;
}

/** The page's `…` stands for anything within one line; everything else must match as written. */
function printsPattern(prints: string): RegExp {
  const lines = prints.split('\n').map((l) => l.trimEnd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('…', '[^\\n]*'));
  return new RegExp(`^${lines.join('\\n')}$`);
}

interface Outcome {
  status: number | undefined;
  stdout: string;
  stderr: string;
}

/**
 * One bash for every recipe, so variables flow from one to the next. Each recipe is sourced with its
 * output in its own files; `set -e` stops the shell at the first failing command, and the EXIT trap
 * records which recipe it stopped in.
 */
async function runInOneShell(recipes: Block[], env: Record<string, string>): Promise<Outcome[]> {
  const dir = await mkdtemp(join(tmpdir(), 'web-api-recipes-'));
  try {
    const driver = ['set -euo pipefail', 'current=none', `trap 'echo $? > "$RECIPES/$current.status"' EXIT`];
    for (const [i, recipe] of recipes.entries()) {
      await writeFile(join(dir, `${i}.sh`), `${recipe.code}\n`);
      driver.push(`current=${i}`, `source "$RECIPES/${i}.sh" > "$RECIPES/${i}.out" 2> "$RECIPES/${i}.err"`, `echo 0 > "$RECIPES/${i}.status"`);
    }
    driver.push('current=done');
    await writeFile(join(dir, 'driver.sh'), `${driver.join('\n')}\n`);
    await run('bash', [join(dir, 'driver.sh')], { cwd: dir, env: { ...process.env, ...env, RECIPES: dir }, timeout: 90_000 }).catch(
      (err: unknown) => err,
    );
    const read = (file: string) => readFile(join(dir, file), 'utf8').catch(() => undefined);
    return Promise.all(
      recipes.map(async (_r, i) => {
        const status = await read(`${i}.status`);
        return { status: status === undefined ? undefined : Number(status), stdout: (await read(`${i}.out`)) ?? '', stderr: (await read(`${i}.err`)) ?? '' };
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const blocks = parseBlocks(readFileSync(PAGE_FILE, 'utf8'));
const recipes = blocks.filter((b) => b.kind === 'recipe');
const parked = blocks.filter((b) => b.kind === 'not-yet-run');
const title = (b: Block) => `${b.section}, line ${b.line}: ${b.code.split('\n')[0]}`;

let emulator: Emulator;
let outcomes: Outcome[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, simulationIntervalMs: 0 });
  // Only the cloud's address: the page's first recipe reads the demo client from the emulator, as a reader does.
  // NODE_PATH: §4's listener finds the repository's socket.io-client 2 (homey-api's) from the temporary
  // directory, where a reader has the copy `npm i socket.io-client@2` put beside it.
  outcomes = await runInOneShell(recipes, { ATHOM_API: emulator.cloudUrl, NODE_PATH: fileURLToPath(new URL('../node_modules', import.meta.url)) });
}, 120_000);
afterAll(async () => emulator?.close());

describe(`the recipes in ${PAGE}`, () => {
  it('cover the sign-in chain, the endpoints, the device and the realtime socket, each with the output it prints', () => {
    const sections = new Set(recipes.map((r) => r.section));
    for (const section of ['§1', '§2', '§3', '§4']) expect(sections, `recipes in ${section}`).toContain(section);
    for (const block of blocks) expect(block.prints, `a prints block after ${title(block)}`).toBeDefined();
  });

  // Every recipe runs: a block parked as not-yet-run would only be a claim.
  it('park no recipe as not-yet-run', () => {
    expect(parked.map(title)).toEqual([]);
  });

  for (const [i, recipe] of recipes.entries()) {
    it(title(recipe), () => {
      const outcome = outcomes[i]!;
      const earlier = outcomes.findIndex((o) => o.status !== 0);
      if (outcome.status === undefined) {
        throw new Error(`never ran: the shell stopped in ${earlier >= 0 ? title(recipes[earlier]!) : 'the driver'}`);
      }
      expect(outcome.status, `exit status; stderr:\n${outcome.stderr}\nstdout:\n${outcome.stdout}`).toBe(0);
      expect(outcome.stdout.trimEnd(), `stderr:\n${outcome.stderr}`).toMatch(printsPattern(recipe.prints ?? ''));
    });
  }
});
