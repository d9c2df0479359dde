// Size of the self-contained bundle against the floor (lit + @lit/context + ky alone),
// both built by the same Vite/Rolldown minifier in this run, gzipped at level 9.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const minify = { compress: true, mangle: true, codegen: true };

async function bundle(entry) {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'out.js' },
      rolldownOptions: { output: { minify } },
    },
  });
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  return chunks.map((c) => c.code).join('\n');
}

const measure = (code) => ({ minified: Buffer.byteLength(code), gzipped: gzipSync(code, { level: 9 }).length });

export async function sizeReport() {
  // Inside the project, so the libraries resolve from its node_modules.
  mkdirSync('node_modules/.cache', { recursive: true });
  const dir = mkdtempSync(join('node_modules/.cache', 'rp-floor-'));
  const floorEntry = join(dir, 'floor.js');
  // Everything the three libraries export, so nothing is shaken away.
  writeFileSync(
    floorEntry,
    `export * from 'lit'; export * from 'lit/decorators.js'; export * from '@lit/context'; export { default as ky } from 'ky';\n`,
  );
  let floorCode;
  try {
    floorCode = await bundle(floorEntry);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const floor = measure(floorCode);
  // What a page loads up front: the bundle and the chunks it imports statically. The rest
  // (the forms, the event-stream client) loads on demand.
  const entry = readFileSync('dist/reservation-panel.js', 'utf8');
  const staticChunks = [...entry.matchAll(/(?:^|[;\n])\s*import\s*(?:[^"';]*?from\s*)?["']\.\/(chunks\/[^"']+)["']/g)].map((m) => m[1]);
  const lazyChunks = readdirSync('dist/chunks').map((f) => `chunks/${f}`).filter((f) => !staticChunks.includes(f));
  const initialCode = [entry, ...staticChunks.map((f) => readFileSync(`dist/${f}`, 'utf8'))].join('\n');
  const panel = measure(initialCode);
  const lazy = Object.fromEntries(lazyChunks.map((f) => [f.replace(/-[\w-]{8}\.js$/, ''), measure(readFileSync(`dist/${f}`, 'utf8'))]));
  const all = measure([initialCode, ...lazyChunks.map((f) => readFileSync(`dist/${f}`, 'utf8'))].join('\n'));
  return {
    panel,
    staticChunks,
    lazy,
    all,
    floor,
    ratio: panel.gzipped / floor.gzipped,
    overFloor: panel.gzipped - floor.gzipped,
    budget: 25 * 1024,
  };
}
