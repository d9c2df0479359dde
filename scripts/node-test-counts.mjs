// A node:test reporter that writes a JSON line `{ passed, failed, skipped }` after each
// finished test, counting the leaf tests (a suite counts through its tests; a file that
// fails to load, with no test of its own, counts as one failure); the last line is the
// total. (A line per test, since --test-force-exit may end the run before a reporter's
// final words.) scripts/test.mjs sends it to a file that the summary reporter adds to the
// browser tests' counts.
export default async function* nodeTestCounts(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  // finished tests per nesting level since the last test one level up finished
  const children = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, skip, todo } = event.data;
    const leaf = !children[nesting + 1];
    children[nesting + 1] = 0;
    children[nesting] = (children[nesting] ?? 0) + 1;
    if (!leaf) continue;
    if (skip || todo) skipped += 1;
    else if (event.type === 'test:pass') passed += 1;
    else failed += 1;
    yield `${JSON.stringify({ passed, failed, skipped })}\n`;
  }
}
