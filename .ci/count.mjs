// The closing line of .ci/run, "N passed, N failed", from vitest's JSON report and the run's exit status.
// A failed file (an error outside any test: a failing import or hook) counts as one failure besides its
// tests, and a non-zero exit that the counts do not explain still reads as a failure.
import { readFileSync } from 'node:fs';

export function closingLine(report, exitStatus) {
  let failed = report.numFailedTests;
  for (const file of report.testResults ?? []) {
    const testsFailed = (file.assertionResults ?? []).some((t) => t.status === 'failed');
    if (file.status === 'failed' && !testsFailed) failed += 1;
  }
  if (exitStatus !== 0 && failed === 0) return '0 passed, 1 failed';
  return `${report.numPassedTests} passed, ${failed} failed`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  console.log(closingLine(report, Number(process.argv[3] ?? 0)));
  if (report.numTotalTests === 0) process.exit(3);
}
