// Limits that keep a reader's memory bounded by constants, never by the file: a broken file (an unclosed
// quote, a missing newline) must fail at a limit instead of being accumulated whole.
export const HEAD_BYTES = 64 * 1024;
export const READ_CHUNK_BYTES = 64 * 1024;
/** 1 MiB counted in characters: JavaScript strings are measured in UTF-16 units, not file bytes. */
export const MAX_FIELD_CHARS = 1024 * 1024;
/** A whole record (or JSONL line); generous, only there so that a pathological row cannot reach gigabytes. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;
export const DEFAULT_CHUNK_SIZE = 2000;
export const DEFAULT_MAX_COLUMNS = 1000;
