export type { AccessRule } from './guard.js';
export { installGuard, requirePrincipal, requestMeta, recordRefusal, SESSION_COOKIE } from './guard.js';
export { authRoutes } from './auth-routes.js';
export type { AuthRouteOptions } from './auth-routes.js';
export { adminRoutes } from './admin-routes.js';
export { credentialRoutes } from './credential-routes.js';
