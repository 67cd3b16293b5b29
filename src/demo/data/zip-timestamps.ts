// Sets every entry's modification time in a finished zip (an .xlsx) to 1980-01-01 00:00, the zip
// epoch. exceljs's archiver stamps the time of writing, which would make two runs of the same seed
// differ in bytes; patching the fixed-offset DOS time/date fields in place keeps the files identical.
import { open } from 'node:fs/promises';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EXTENDED_TIMESTAMP = 0x5455;
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1; // 1980-01-01

function clearExtendedTimestamps(buf: Buffer, from: number, to: number): void {
  for (let p = from; p + 4 <= to;) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    if (id === EXTENDED_TIMESTAMP) buf.fill(0, p + 5, Math.min(p + 4 + size, to));
    p += 4 + size;
  }
}

export async function zeroZipTimestamps(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let e = tailLength - 22;
    while (e >= 0 && tail.readUInt32LE(e) !== EOCD) e--;
    if (e < 0) throw new Error('不是 zip 文件 (no zip end-of-central-directory record)');
    const entries = tail.readUInt16LE(e + 10);
    const cdSize = tail.readUInt32LE(e + 12);
    const cdOffset = tail.readUInt32LE(e + 16);
    if (cdOffset === 0xffffffff) throw new Error('不支持 ZIP64 (ZIP64 archives are not supported)');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const header = Buffer.alloc(30);
    for (let p = 0, n = 0; n < entries; n++) {
      if (cd.readUInt32LE(p) !== CENTRAL) throw new Error('zip 中央目录损坏 (corrupt central directory)');
      cd.writeUInt16LE(DOS_TIME, p + 12);
      cd.writeUInt16LE(DOS_DATE, p + 14);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const local = cd.readUInt32LE(p + 42);
      clearExtendedTimestamps(cd, p + 46 + nameLength, p + 46 + nameLength + extraLength);
      await fh.read(header, 0, 30, local);
      if (header.readUInt32LE(0) !== LOCAL) throw new Error('zip 本地文件头损坏 (corrupt local file header)');
      header.writeUInt16LE(DOS_TIME, 10);
      header.writeUInt16LE(DOS_DATE, 12);
      await fh.write(header, 10, 4, local + 10);
      const localExtra = header.readUInt16LE(28);
      if (localExtra > 0) {
        const extra = Buffer.alloc(localExtra);
        const at = local + 30 + header.readUInt16LE(26);
        await fh.read(extra, 0, localExtra, at);
        clearExtendedTimestamps(extra, 0, localExtra);
        await fh.write(extra, 0, localExtra, at);
      }
      p += 46 + nameLength + extraLength + commentLength;
    }
    await fh.write(cd, 0, cdSize, cdOffset);
  } finally {
    await fh.close();
  }
}
