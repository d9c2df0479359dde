// The static Storybook in the test run: a web-test-runner plugin that builds it (unless a
// build newer than every source is already there) before the tests start, and a middleware
// that serves `storybook-static/` under `/storybook-static/` from the test server, as any
// plain web server would, so test/storybook/static.test.ts can open a story from it.
// Runs that leave out test/storybook/ (file patterns given on the command line) skip the
// build; so does WTR_NO_STORYBOOK=1.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareStorybook } from './storybook-prepare.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'storybook-static');
const TEST_FILE = 'test/storybook/static.test.ts';
/** What the static build is made from. */
const INPUTS = ['src', 'stories', '.storybook', 'scripts/storybook-prepare.mjs', 'vite.config.ts', 'package-lock.json'];

function newestMtime(p) {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'generated' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Whether storybook-static/ was built after the last change to its inputs. */
export function isFresh() {
  const built = statSync(path.join(outDir, 'index.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built > 0 && INPUTS.every((p) => newestMtime(path.join(root, p)) < built);
}

/** `npm run build-storybook`, quietly: its output is shown only when it fails. */
export async function buildStaticStorybook() {
  await prepareStorybook();
  const bin = path.join(root, 'node_modules', '.bin', 'storybook');
  await new Promise((resolve, reject) => {
    const child = spawn(bin, ['build', '--quiet', '--output-dir', outDir], {
      cwd: root,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`storybook build failed (${code}):\n${output}`))));
  });
}

/** A file glob (`**`, `*`, `?`, `{a,b}`) as a regular expression. */
function globToRegExp(glob) {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces) {
      braces--;
      re += ')';
    } else if (c === ',' && braces) re += '|';
    else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Whether this run includes the static Storybook test: the test files named on the command
 * line (`web-test-runner test/api/**` leaves it out), else the config's (all of test/).
 * Plugins are not told the run's files, so they are read from the arguments.
 */
function runsStaticTest(argv = process.argv.slice(2)) {
  const patterns = argv.filter((a) => !a.startsWith('-') && !/\.config\.[cm]?js$/.test(a) && /[*?{]|\.[cm]?[jt]sx?$/.test(a));
  if (patterns.length === 0) return true;
  return patterns
    .map((f) => (path.isAbsolute(f) ? path.relative(root, f) : f).replace(/^\.\//, ''))
    .some((p) => globToRegExp(p).test(TEST_FILE));
}

const TYPES = { '.js': 'application/javascript', '.mjs': 'application/javascript', '.json': 'application/json' };

/**
 * `{ plugin, middleware }` for web-test-runner.config.mjs: the plugin makes sure the build is
 * there before the tests start; the middleware serves it under `mount`.
 */
export function storybookStatic({ mount = '/storybook-static/' } = {}) {
  const plugin = {
    name: 'storybook-static',
    async serverStart({ logger }) {
      if (process.env.WTR_NO_STORYBOOK || !runsStaticTest() || isFresh()) return;
      const started = Date.now();
      await buildStaticStorybook();
      logger.log(`static Storybook built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  };
  async function storybookStaticMiddleware(ctx, next) {
    if (!ctx.path.startsWith(mount)) return next();
    let rel = decodeURIComponent(ctx.path.slice(mount.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(outDir, path.normalize(rel));
    if (!file.startsWith(outDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'Not found';
      return undefined;
    }
    ctx.set('cache-control', 'no-store');
    ctx.type = TYPES[path.extname(file)] ?? path.extname(file);
    ctx.body = createReadStream(file);
    return undefined;
  }
  return { plugin, middleware: storybookStaticMiddleware };
}
