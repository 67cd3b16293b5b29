export { gzipLines } from './gzip-lines.js';
