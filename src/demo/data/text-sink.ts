// Text written to a file a chunk at a time, so memory stays flat however many records stream through
// and each awaited write lets the disk set the pace. UTF-8 is encoded a few kilobytes at a time
// straight into a megabyte buffer (measured about twice as fast as joining a megabyte of lines and
// encoding that, which spends its time flattening and collecting short-lived strings); GB18030 has
// no native encoder, so its chunks are joined and encoded by iconv-lite.
import type { FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';

const CHUNK = 1 << 20;
const BATCH = 4096;

export interface TextSink {
  /** Appends text; returns true when a chunk is ready and the caller should await flush(). */
  add(text: string): boolean;
  flush(): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
  readonly bytes: number;
}

class Utf8Sink implements TextSink {
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private batch = '';
  private ready: Buffer[] = [];
  bytes = 0;

  constructor(private readonly fh: FileHandle) {}

  add(text: string): boolean {
    // lines are gathered into a short string first: one Buffer.write per few dozen lines, not per line
    this.batch += text;
    if (this.batch.length < BATCH) return this.ready.length > 0;
    return this.encodeBatch();
  }

  private encodeBatch(): boolean {
    const text = this.batch;
    this.batch = '';
    // a UTF-16 code unit never takes more than 3 bytes of UTF-8
    if (this.used + text.length * 3 > this.buf.length) {
      this.ready.push(this.buf.subarray(0, this.used));
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK, text.length * 3));
      this.used = 0;
    }
    this.used += this.buf.write(text, this.used, 'utf8');
    return this.ready.length > 0;
  }

  async flush(): Promise<void> {
    if (this.batch) this.encodeBatch();
    if (this.used > 0) {
      this.ready.push(this.buf.subarray(0, this.used));
      this.buf = Buffer.allocUnsafe(CHUNK);
      this.used = 0;
    }
    const chunks = this.ready;
    this.ready = [];
    for (const chunk of chunks) {
      await this.fh.write(chunk);
      this.bytes += chunk.length;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
  }
}

class Gb18030Sink implements TextSink {
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;

  constructor(private readonly fh: FileHandle) {}

  add(text: string): boolean {
    this.parts.push(text);
    this.pending += text.length;
    return this.pending >= CHUNK;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    // chunks end at line ends, so no character is ever split between two encode calls
    const buf = iconv.encode(this.parts.join(''), 'gb18030');
    this.parts = [];
    this.pending = 0;
    await this.fh.write(buf);
    this.bytes += buf.length;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.fh.close();
  }
}

export function textSink(fh: FileHandle, encoding: 'utf-8' | 'gb18030'): TextSink {
  return encoding === 'gb18030' ? new Gb18030Sink(fh) : new Utf8Sink(fh);
}
