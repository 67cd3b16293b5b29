// The ingest pipeline's stages measured one at a time in this process, on the same file the end-to-end
// runs import: receiving (copy + SM3), parsing, rule evaluation (cleanse + check) over records already
// in memory, and the SM3 row hash every stored record gets. Together with the end-to-end phases they
// show where a batch's time goes.
import { rmSync } from 'node:fs';
import { mapHeader, MAX_UPLOAD_BYTES, receiveFile, KEY_SEPARATOR } from '../../src/aggregation/index.js';
import { openRecordReader } from '../../src/aggregation/readers/index.js';
import { resourceContentSchema, type Element } from '../../src/catalog/index.js';
import { DEMO_RESOURCES } from '../../src/demo/catalog.js';
import { compileRules, defaultRuleSet } from '../../src/governance/rules/index.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { Stopwatch, type Timing } from './measure.js';
import { POPULATION_RESOURCE } from './population-file.js';

/** The elements of 人口基本信息 as the demo catalog publishes them. */
export function populationElements(): Element[] {
  const demo = DEMO_RESOURCES.find((r) => r.content.name === POPULATION_RESOURCE);
  if (!demo) throw new Error(`the demo catalog has no resource named ${POPULATION_RESOURCE}`);
  return resourceContentSchema.parse(demo.content).elements;
}

/** Copying the upload into the data directory while hashing it with SM3, as importFile starts. */
export async function measureReceive(path: string, dataDir: string): Promise<Timing & { bytes: number }> {
  const watch = new Stopwatch();
  const received = await receiveFile(dataDir, path, MAX_UPLOAD_BYTES);
  const t = watch.elapsed();
  rmSync(received.path, { force: true });
  return { ...t, bytes: received.bytes };
}

/** The streaming reader alone: decode, tokenize, chunk. */
export async function measureParse(path: string): Promise<Timing & { records: number }> {
  const watch = new Stopwatch();
  const reader = await openRecordReader(path);
  let records = 0;
  for await (const chunk of reader.chunks()) records += chunk.length;
  return { ...watch.elapsed(), records };
}

/** The first `limit` records of the file in element order, as the batch loop hands them to the rules. */
export async function loadRecords(path: string, elements: Element[], limit: number): Promise<(string | null)[][]> {
  const reader = await openRecordReader(path);
  const map = mapHeader(reader.header, elements, 'upsert');
  const rows: (string | null)[][] = [];
  try {
    for await (const chunk of reader.chunks()) {
      for (const raw of chunk) {
        const values: (string | null)[] = new Array(elements.length);
        for (let i = 0; i < elements.length; i++) {
          const c = map.columnOf[i]!;
          values[i] = c >= 0 ? (raw[c] ?? null) : null;
        }
        rows.push(values);
        if (rows.length === limit) return rows;
      }
    }
  } finally {
    await reader.close();
  }
  return rows;
}

export interface RuleTimings {
  rules: number;
  records: number;
  /** cleanse + check per record in one loop, as the batch does; one entry per timed pass. */
  both: Timing[];
  cleanse: Timing[];
  check: Timing[];
  repaired: number;
  problems: number;
}

/**
 * Rule evaluation alone over records in memory: the default rule set of the resource compiled once,
 * then cleanse + check per record. Each pass works on fresh copies (cleansing changes records in place);
 * copying is not timed. A warm-up pass comes first and is not counted.
 */
export function measureRules(rows: readonly (string | null)[][], elements: Element[], today: string, passes: number): RuleTimings {
  const compiled = compileRules(elements, defaultRuleSet(elements), { today });
  let problems = 0;
  let repaired = 0;
  const onProblem = () => {
    problems++;
  };
  const both: Timing[] = [];
  const cleanse: Timing[] = [];
  const check: Timing[] = [];
  for (let pass = 0; pass <= passes; pass++) {
    let copies = rows.map((r) => r.slice());
    problems = 0;
    repaired = 0;
    let watch = new Stopwatch();
    for (let i = 0; i < copies.length; i++) {
      const v = copies[i]!;
      repaired += compiled.cleanse(v);
      compiled.check(v, onProblem);
    }
    const t = watch.elapsed();
    if (pass > 0) both.push(t);
    const found = problems;
    // the two halves apart, on another set of copies
    copies = rows.map((r) => r.slice());
    watch = new Stopwatch();
    for (let i = 0; i < copies.length; i++) compiled.cleanse(copies[i]!);
    const tc = watch.elapsed();
    watch = new Stopwatch();
    for (let i = 0; i < copies.length; i++) compiled.check(copies[i]!, onProblem);
    const tk = watch.elapsed();
    if (pass > 0) {
      cleanse.push(tc);
      check.push(tk);
    }
    problems = found;
  }
  return { rules: compiled.rules.length, records: rows.length, both, cleanse, check, repaired, problems };
}

/** The SM3 hash of each record's values that the batch stores to tell a changed record from a repeated one. */
export function measureRowHash(rows: readonly (string | null)[][], passes: number): Timing[] {
  const out: Timing[] = [];
  let sink = 0;
  for (let pass = 0; pass <= passes; pass++) {
    const watch = new Stopwatch();
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r]!;
      let text = '';
      for (let i = 0; i < values.length; i++) text += (i ? KEY_SEPARATOR : '') + (values[i] ?? '\u0000');
      sink += sm3Hex(text).length;
    }
    if (pass > 0) out.push(watch.elapsed());
  }
  if (sink === 0) throw new Error('no rows hashed');
  return out;
}

/** The pass with the median wall time (the upper one of an even number). */
export function medianTiming(timings: readonly Timing[]): Timing {
  const sorted = [...timings].sort((a, b) => a.seconds - b.seconds);
  return sorted[sorted.length >> 1]!;
}
