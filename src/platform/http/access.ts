// Default deny for every route the server has, not only those under /api/: each route declares its
// access in its config (`public`, `authenticated` or `permission`), or the server refuses to start.
// Routes a plugin registers (static files, Swagger UI) cannot carry our config, so they are declared
// public by registering the plugin inside declarePublic(); nothing else is public by default.
import type { RouteOptions } from 'fastify';
import type { App } from './create-server.js';

/** The config keys that declare a route's access; the guard (src/identity/http) enforces them. */
const ACCESS_KEYS = ['public', 'authenticated', 'permission'] as const;

const marking = new WeakMap<object, { public: boolean }>();

export function declaresAccess(config: unknown): boolean {
  const c = (config ?? {}) as Record<string, unknown>;
  return ACCESS_KEYS.some((k) => !!c[k]);
}

/** Installs the check; createServer calls it before any route exists, so no route escapes it. */
export function requireAccessDeclarations(app: App): void {
  const state = { public: false };
  marking.set(app, state);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (state.public) route.config = { ...(route.config ?? {}), public: true };
    if (!declaresAccess(route.config)) {
      const methods = [route.method].flat().join(',');
      throw new Error(`route ${methods} ${route.url} declares no access rule (public, authenticated or permission)`);
    }
  });
}

/**
 * Runs `register` (which registers and awaits a plugin, say) with every route it adds declared public.
 * Plugins registered earlier and not awaited load first, outside the window, so that their routes
 * are not marked public with it.
 */
export async function declarePublic(app: App, register: () => PromiseLike<unknown>): Promise<void> {
  const state = marking.get(app);
  if (!state) throw new Error('declarePublic needs the root instance made by createServer');
  await app.register(async () => undefined); // loads whatever is queued before it
  state.public = true;
  try {
    await register();
  } finally {
    state.public = false;
  }
}
