import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gzipLines } from './gzip-lines.js';

describe('gzipLines', () => {
  it('keeps multi-byte characters whole across chunk boundaries, and loses no line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gz-'));
    try {
      // 20,000 lines of Chinese: far more than one 64 KiB chunk, so characters straddle boundaries
      const lines = Array.from({ length: 20_000 }, (_, i) => `第${i}行：示例市公安局人口基本信息${'数'.repeat(i % 7)}`);
      const file = join(dir, 'x.gz');
      writeFileSync(file, gzipSync(lines.join('\r\n') + '\n'));
      const read: string[] = [];
      for await (const line of gzipLines(file)) {
        read.push(line);
        if (read.length % 5000 === 0) await new Promise((r) => setTimeout(r, 5)); // a slow consumer
      }
      expect(read).toEqual(lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
