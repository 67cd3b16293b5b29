export { csvCell, csvLine, UTF8_BOM } from './write.js';
