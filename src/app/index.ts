export type { AppContext } from './context.js';
export { buildApp, buildAppWithRules } from './server.js';
export type { BuildOptions, GongshuApp } from './server.js';
export { openContext } from './start.js';
export { VERSION } from './version.js';
