// Child process of the ingest benchmark: the DuckDB reference load (bench/lib/duckdb-reference.ts) in a
// process of its own, so that its peak RSS and CPU time are reported apart from ours.
import { childMain } from './child-run.js';
import { duckdbIngest, type DuckdbIngestOptions, type DuckdbIngestResult } from './duckdb-reference.js';

childMain<DuckdbIngestOptions, DuckdbIngestResult>((input) => duckdbIngest(input));
