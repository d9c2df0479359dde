// Prints "N passed, N failed" as the very last line of a test run. The runner's own
// reporters write after a reporter's stop(), so the line is written on process exit.
// With NODE_TEST_COUNTS (set by scripts/test.mjs), the Node tests' counts in that file
// are added; a run of Node tests that left no counts counts as one failure.
import { readFileSync, writeSync } from 'node:fs';

function nodeTestCounts() {
  const file = process.env.NODE_TEST_COUNTS;
  if (!file) return { passed: 0, failed: 0, skipped: 0 };
  try {
    const line = readFileSync(file, 'utf8').trim().split('\n').pop();
    const { passed = 0, failed = 0, skipped = 0 } = JSON.parse(line);
    return { passed, failed, skipped };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

export function summaryReporter() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let counted = false;
  const count = (suite) => {
    for (const t of suite.tests) {
      if (t.skipped) skipped += 1;
      else if (t.passed) passed += 1;
      else failed += 1;
    }
    for (const s of suite.suites) count(s);
  };
  return {
    onTestRunFinished({ sessions }) {
      passed = failed = skipped = 0;
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that failed to load, or an error outside any test, counts as a failure.
        if (session.errors?.length) failed += session.errors.length;
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) {
          failed += session.errors?.length ? 0 : 1;
        }
      }
      counted = true;
    },
    stop() {
      process.once('exit', () => {
        if (!counted) failed += 1;
        const node = nodeTestCounts();
        passed += node.passed;
        failed += node.failed;
        skipped += node.skipped;
        writeSync(1, `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
      });
    },
  };
}
