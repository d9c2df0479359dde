// `npm test` after the type check and lint: the Node tests (node:test, test/**/*.test.mjs
// outside the browser's test/**/*.test.ts: Twilio's SDK against the emulator), then
// web-test-runner with this script's arguments (e.g. `npm test -- --port 8102`). The
// summary reporter's last line, "N passed, N failed", counts both.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function nodeTestFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return nodeTestFiles(path);
    return name.endsWith('.test.mjs') ? [relative(root, path)] : [];
  });
}

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'reservation-panel-tests-'));
const counts = join(dir, 'node-tests.json');
const files = nodeTestFiles(join(root, 'test'));
let nodeStatus = 0;
if (files.length > 0) {
  console.log(`Node tests: ${files.join(', ')}`);
  nodeStatus = await run(process.execPath, [
    '--test',
    '--test-force-exit',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-test-counts.mjs',
    `--test-reporter-destination=${counts}`,
    ...files,
  ]);
}
const wtr = join(root, 'node_modules', '.bin', 'web-test-runner');
const env = files.length > 0 ? { ...process.env, NODE_TEST_COUNTS: counts } : process.env;
const browserStatus = await run(wtr, process.argv.slice(2), env);
rmSync(dir, { recursive: true, force: true });
process.exit(browserStatus || nodeStatus);
