// A web-test-runner plugin for test/package: the server command 'package-contents' runs
// `npm run build` and `npm pack --dry-run --json` once (on first use) and returns what the
// package would ship. A build takes longer than one server command may (20 s), so the
// command answers `{ pending: true }` until the result is there, and the test asks again.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const WAIT_MS = 5000;

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${(stderr || stdout).slice(-4000)}`)),
    );
  });
}

/** Every file path an `exports` map points at (conditions and subpaths flattened). */
function exportTargets(exportsField) {
  if (typeof exportsField === 'string') return [exportsField];
  if (!exportsField || typeof exportsField !== 'object') return [];
  return Object.values(exportsField).flatMap(exportTargets);
}

/** Module specifiers the bundle imports (static, bare side-effect and dynamic imports). */
function importsOf(code) {
  const found = new Set();
  const re = /\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of code.matchAll(re)) found.add(m[1] ?? m[2] ?? m[3]);
  return [...found];
}

/**
 * `cem analyze` (in the build) rewrites package.json's `customElements` as
 * `dist/custom-elements.json`; when that is all the build changed there, the file is put
 * back as it was, so a test run leaves the work tree clean.
 */
function restorePackageJson(before) {
  const after = readFileSync(`${root}package.json`, 'utf8');
  if (after === before) return;
  const strip = (text) => {
    const { customElements, ...rest } = JSON.parse(text);
    return JSON.stringify({ ...rest, customElements: String(customElements ?? '').replace(/^\.\//, '') });
  };
  if (strip(after) === strip(before)) writeFileSync(`${root}package.json`, before);
}

async function inspect() {
  const started = Date.now();
  const packageJsonBefore = readFileSync(`${root}package.json`, 'utf8');
  try {
    await run('npm', ['run', 'build']);
  } finally {
    restorePackageJson(packageJsonBefore);
  }
  const built = Date.now();
  const [pack] = JSON.parse(await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']));
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const targets = [...new Set([...exportTargets(pkg.exports), pkg.main, pkg.module, pkg.types, pkg.customElements].filter(Boolean))];
  const bundle = `${root}dist/reservation-panel.js`;
  return {
    name: pack.name,
    version: pack.version,
    files: pack.files.map((f) => f.path),
    size: pack.size,
    unpackedSize: pack.unpackedSize,
    packageJson: pkg,
    targets: Object.fromEntries(targets.map((t) => [t, existsSync(`${root}${t.replace(/^\.\//, '')}`)])),
    bundleImports: existsSync(bundle) ? importsOf(readFileSync(bundle, 'utf8')) : null,
    buildMs: built - started,
    packMs: Date.now() - built,
  };
}

export function packageContentsPlugin() {
  /** @type {{ promise: Promise<unknown>, settled: boolean, result?: unknown, error?: Error } | undefined} */
  let job;
  return {
    name: 'package-contents',
    async executeCommand({ command }) {
      if (command !== 'package-contents') return undefined;
      if (!job) {
        const j = { settled: false };
        j.promise = inspect().then(
          (result) => Object.assign(j, { settled: true, result }),
          (error) => Object.assign(j, { settled: true, error }),
        );
        job = j;
      }
      await Promise.race([job.promise, new Promise((r) => setTimeout(r, WAIT_MS))]);
      if (!job.settled) return { pending: true };
      if (job.error) throw job.error;
      return { pending: false, result: job.result };
    },
  };
}
