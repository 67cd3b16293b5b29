// Closing a file stream that a reader may have stopped half-way.
import type { ReadStream } from 'node:fs';

/**
 * Destroys the stream and waits until its file descriptor is closed. Waits for 'close' only: destroying a
 * stream still being iterated emits an AbortError that must not replace the error that stopped the reading.
 */
export async function releaseFile(stream: ReadStream): Promise<void> {
  if (stream.closed) return;
  stream.on('error', () => {});
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  stream.destroy();
  await closed;
}
