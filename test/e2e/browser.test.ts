// When the end-to-end suites run: a developer without Chromium gets a passing `npm test` with the
// browser tests skipped; CI without Chromium fails rather than silently skipping them.
import { describe, expect, it } from 'vitest';
import { skipE2E } from './browser.js';

describe('skipE2E', () => {
  it('skips without Chromium outside CI', () => {
    expect(skipE2E({}, false)).toBe(true);
    expect(skipE2E({ CI: 'false' }, false)).toBe(true);
  });
  it('never skips in CI, so a missing Chromium fails there', () => {
    expect(skipE2E({ CI: 'true' }, false)).toBe(false);
  });
  it('runs wherever Chromium is present', () => {
    expect(skipE2E({}, true)).toBe(false);
    expect(skipE2E({ CI: 'true' }, true)).toBe(false);
  });
});
