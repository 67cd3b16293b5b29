export { loadConfig } from './config.js';
export type { Config, ConfigOverrides } from './config.js';
