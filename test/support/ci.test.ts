// .ci/run's closing line and the per-run prefix of PostgreSQL scratch databases.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDbPrefix } from './engines.js';

const dir = mkdtempSync(join(tmpdir(), 'gongshu-ci-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function closingLine(report: object, status: number): string {
  const file = join(dir, 'report.json');
  writeFileSync(file, JSON.stringify(report));
  return execFileSync('node', ['.ci/count.mjs', file, String(status)], { encoding: 'utf8' }).trim();
}

const test = (status: string) => ({ status });

describe('.ci/count.mjs', () => {
  it('counts passed and failed tests', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 1,
      numTotalTests: 4,
      testResults: [{ status: 'failed', assertionResults: [test('passed'), test('passed'), test('passed'), test('failed')] }],
    };
    expect(closingLine(report, 1)).toBe('3 passed, 1 failed');
  });

  it('counts a file that failed outside its tests even when other tests failed too', () => {
    const report = {
      numPassedTests: 2,
      numFailedTests: 1,
      numTotalTests: 3,
      testResults: [
        { status: 'failed', assertionResults: [test('passed'), test('failed')] },
        { status: 'failed', message: 'beforeAll hook failed', assertionResults: [test('skipped')] },
        { status: 'passed', assertionResults: [test('passed')] },
      ],
    };
    expect(closingLine(report, 1)).toBe('2 passed, 2 failed');
  });

  it('reads a non-zero exit with no counted failure as a failure', () => {
    const report = { numPassedTests: 5, numFailedTests: 0, numTotalTests: 5, testResults: [{ status: 'passed', assertionResults: [] }] };
    expect(closingLine(report, 1)).toBe('0 passed, 1 failed');
    expect(closingLine(report, 0)).toBe('5 passed, 0 failed');
  });
});

describe('testDbPrefix', () => {
  it('takes the run prefix .ci/run exports, and a default outside it', () => {
    expect(testDbPrefix({ GONGSHU_TEST_DB_PREFIX: 'gongshu_t_123_456_' })).toBe('gongshu_t_123_456_');
    expect(testDbPrefix({})).toBe('gongshu_t_');
  });
  it('refuses a prefix that is not a plain identifier (it goes into SQL)', () => {
    expect(() => testDbPrefix({ GONGSHU_TEST_DB_PREFIX: 'x; drop database y' })).toThrow(/GONGSHU_TEST_DB_PREFIX/);
  });
});
