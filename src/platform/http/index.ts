export { createServer } from './create-server.js';
export { declarePublic, declaresAccess } from './access.js';
export type { App, ServerOptions } from './create-server.js';
export { errorHandler, notFoundHandler, describeError } from './errors.js';
export type { ErrorBody } from './errors.js';
export {
  safeText,
  multilineText,
  codeSchema,
  usernameSchema,
  idSchema,
  isoTimeSchema,
  pageSchema,
  pageSizeSchema,
  errorSchema,
  MAX_INTEGER,
  queryFlag,
} from './schemas.js';
