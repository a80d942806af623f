import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from './report.ts';
import { kb } from './report.ts';

// Figure 1: what a first visit downloads. Read from the production build (`npm run build` as is,
// plus `--manifest`): the entry script of index.html and every chunk it imports statically, i.e.
// what the browser must fetch before the app can draw; lazy chunks (recharts, settings, sign-in
// through Athom, other languages) come later or never. Sizes are gzip at zlib's default level.

export const FIRST_VISIT_BUDGET = 120_000;
/** homey.ink's JavaScript before it can draw, gzip (issue 6). */
export const HOMEY_INK_BYTES = 365_000;
/** What the bench build's counters are called; none of it may reach a production build. */
const PROBE_MARKERS = ['__homeyBench', 'tileRenders', 'queryCacheSize'];

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface BundleFigures {
  firstVisitGzip: number;
  firstVisitFiles: string[];
  allJsGzip: number;
  allJsFiles: number;
  rechartsChunks: string[];
  rechartsInFirstVisit: string[];
  probeMarkersFound: string[];
}

export async function measureBundle(outDir: string): Promise<BundleFigures> {
  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest['index.html'];
  if (!entry?.isEntry) throw new Error('the manifest has no entry for index.html');
  const firstVisit = new Set<string>();
  const visit = (chunk: ManifestChunk) => {
    if (firstVisit.has(chunk.file)) return;
    firstVisit.add(chunk.file);
    for (const key of chunk.imports ?? []) {
      const imported = manifest[key];
      if (imported) visit(imported);
    }
  };
  visit(entry);

  const assets = join(outDir, 'assets');
  const jsFiles = (await readdir(assets)).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const gzipped = new Map<string, number>();
  const rechartsChunks: string[] = [];
  const probeMarkersFound: string[] = [];
  for (const file of jsFiles) {
    const code = await readFile(join(outDir, file));
    gzipped.set(file, gzipSync(code).length);
    const text = code.toString('utf8');
    for (const marker of PROBE_MARKERS) if (text.includes(marker)) probeMarkersFound.push(`${marker} in ${file}`);
    // Which chunk holds recharts: its source map names the modules bundled into it.
    // A chunk of the bundler's own helpers (e.g. Babel's defineProperty, injected by a transform) comes
    // without a map: it holds no module of ours or of recharts.
    const mapText = await readFile(join(outDir, `${file}.map`), 'utf8').catch(() => '{"sources":[]}');
    const map = JSON.parse(mapText) as { sources: string[] };
    if (map.sources.some((source) => source.includes('node_modules/recharts/'))) rechartsChunks.push(file);
  }
  const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + (gzipped.get(f) ?? 0), 0);
  return {
    firstVisitGzip: sum(firstVisit),
    firstVisitFiles: [...firstVisit],
    allJsGzip: sum(jsFiles),
    allJsFiles: jsFiles.length,
    rechartsChunks,
    rechartsInFirstVisit: rechartsChunks.filter((f) => firstVisit.has(f)),
    probeMarkersFound,
  };
}

export function bundleRows(b: BundleFigures): Row[] {
  const ratio = HOMEY_INK_BYTES / b.firstVisitGzip;
  return [
    {
      id: '1a',
      figure: 'Bundle: first-visit JS (entry + static imports), gzip',
      value: `${kb(b.firstVisitGzip)} in ${b.firstVisitFiles.length} file(s); homey.ink 365 kB = ${ratio.toFixed(1)}× ours`,
      budget: `≤ ${kb(FIRST_VISIT_BUDGET)}`,
      pass: b.firstVisitGzip <= FIRST_VISIT_BUDGET,
      data: { bytes: b.firstVisitGzip, files: b.firstVisitFiles, homeyInkBytes: HOMEY_INK_BYTES, homeyInkRatio: ratio },
    },
    { id: '1b', figure: 'Bundle: all JS, gzip', value: `${kb(b.allJsGzip)} in ${b.allJsFiles} files`, budget: '—', pass: null, data: { bytes: b.allJsGzip, files: b.allJsFiles } },
    {
      id: '1c',
      figure: 'Bundle: recharts only in a lazy chunk',
      value: b.rechartsChunks.length ? `${b.rechartsChunks.join(', ')}${b.rechartsInFirstVisit.length ? ' (loaded on first visit!)' : ' (lazy)'}` : 'not found in any chunk',
      budget: 'not in first visit',
      pass: b.rechartsChunks.length > 0 && b.rechartsInFirstVisit.length === 0,
      data: { chunks: b.rechartsChunks, inFirstVisit: b.rechartsInFirstVisit },
    },
    {
      id: '1d',
      figure: 'Bundle: bench counters absent from production build',
      value: b.probeMarkersFound.length ? b.probeMarkersFound.join(', ') : 'none found',
      budget: 'none',
      pass: b.probeMarkersFound.length === 0,
      data: { found: b.probeMarkersFound },
    },
  ];
}
