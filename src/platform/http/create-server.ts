// The Fastify instance with what every route shares: request ids, zod schemas, OpenAPI, security
// headers, body limits, cookies, rate limiting and the error mapper. Modules add their routes to it; a route
// that takes another content type than JSON (a file, a spreadsheet) adds its parser in a scope of its own.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { declarePublic, requireAccessDeclarations } from './access.js';
import { errorHandler } from './errors.js';
import { refuseNulCharacters } from './nul-guard.js';

export interface ServerOptions {
  logLevel: string;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (Fastify's trustProxy). */
  trustProxy?: boolean | string;
  /** Where logs go (default: standard output). */
  logStream?: NodeJS.WritableStream;
  bodyLimit?: number;
  version: string;
}

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
  'body.secret',
];

export async function createServer(opts: ServerOptions): Promise<App> {
  const app = Fastify({
    logger: {
      level: opts.logLevel,
      redact: { paths: REDACT, censor: '[redacted]' },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // only a proxy the operator names may set the client address (X-Forwarded-For); otherwise anyone could forge it
    trustProxy: opts.trustProxy ?? false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false } },
    // a request Node's HTTP parser refuses (raw non-ASCII in the URL, say) still gets the common error body
    clientErrorHandler: (err, socket) => {
      if (!socket.writable) return socket.destroy(err);
      const body = JSON.stringify({
        code: 'bad_request',
        message: '请求格式错误：网址中的中文等字符须经 URL 编码 (malformed request; percent-encode the URL)',
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    },
    // errors Fastify raises before routing (a malformed URL, say) get the same body as every other error
    frameworkErrors: (err, _req, reply) => {
      void (reply as unknown as FastifyReply).status(400).send({ code: 'bad_request', message: `请求无效 (${err.message})` });
    },
  } satisfies FastifyServerOptions).withTypeProvider<ZodTypeProvider>();

  // before any route: every route, a plugin's included, must declare who may call it
  requireAccessDeclarations(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  refuseNulCharacters(app);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its styles at run time
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // many government intranets serve plain HTTP; upgrading would break the console there
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试 (too many requests)`,
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongshu API (公数)', version: opts.version, description: '公共数据汇聚、治理、共享、开放与监管平台 API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gongshu_session' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'session token from /api/v1/auth/login, or an API credential gsk_<keyId>.<secret>',
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // the API's own documentation is public, like /api/openapi.json
  await declarePublic(app, () => app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true }));
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  return app;
}
