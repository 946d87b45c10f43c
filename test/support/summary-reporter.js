/**
 * Prints a plain closing block after jest's own summary, so that a CI log's tail says what
 * failed: each failed file with its failed tests (or why the file could not run) in one line
 * each, then "jest: N passed, N failed".
 */
const { stripVTControlCharacters } = require('node:util');

const firstLine = (text) => stripVTControlCharacters(text || '').split('\n').map((l) => l.trim()).find(Boolean) || '';

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const lines = [];
    for (const file of results.testResults) {
      const failed = file.testResults.filter((t) => t.status === 'failed');
      if (!failed.length && !file.testExecError && !file.failureMessage) continue;
      const seconds = ((file.perfStats.end - file.perfStats.start) / 1000).toFixed(0);
      lines.push(`FAILED ${file.testFilePath.replace(process.cwd() + '/', '')} (${seconds} s)`);
      for (const t of failed) lines.push(`  - ${t.fullName}: ${firstLine(t.failureMessages[0]).slice(0, 240)}`);
      if (!failed.length) lines.push(`  - ${firstLine(file.testExecError?.message || file.failureMessage).slice(0, 240)}`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;
