// Reads a gzip'd text file line by line through the stream's own async iterator, which respects
// back-pressure: a consumer that awaits database work between lines loses none (readline's iterator
// has dropped lines for slow consumers).
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

export async function* gzipLines(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file).pipe(createGunzip());
  stream.setEncoding('utf8'); // decodes characters split across chunks whole
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + (chunk as string);
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  if (rest) yield rest;
}
