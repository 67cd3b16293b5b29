export { seedDemo, isEmpty } from './seed.js';
export { DEMO_ACCOUNTS, DEMO_UNITS, DEMO_PASSWORD } from './city.js';
export { demoId } from './ids.js';
