// One global error mapper: every error becomes `{ code, message, details }` with a 4xx/5xx status.
// Internal errors are logged with the request id and shown as a generic message.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: '不支持的内容类型，请使用 application/json (unsupported content type)',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: '请求体过大 (request body too large)' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', message: '请求体不是合法的 JSON (malformed JSON body)' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed_json', message: '请求体为空 (empty JSON body)' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: '内容长度无效 (invalid content length)' },
};

/** The status and body an error is answered with; null for an internal error (logged, shown generically). */
export function describeError(err: FastifyError | AppError | Error): { status: number; body: ErrorBody } | null {
  if (err instanceof AppError) return { status: err.status, body: { code: err.code, message: err.message, details: err.details } };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({ path: `${err.validationContext ?? ''}${v.instancePath}`, message: v.message }));
    return { status: 400, body: { code: 'validation_failed', message: '输入不合法 (invalid input)', details } };
  }
  const fe = err as FastifyError;
  if (fe.code && FASTIFY_CODES[fe.code]) return { status: fe.statusCode ?? 400, body: FASTIFY_CODES[fe.code]! };
  if (fe.statusCode === 429) return { status: 429, body: { code: 'rate_limited', message: fe.message } };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return { status: fe.statusCode, body: { code: fe.code?.toLowerCase() ?? 'bad_request', message: fe.message } };
  return null;
}

export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  const known = describeError(err);
  if (known) return reply.status(known.status).send(known.body);
  req.log.error({ err }, 'internal error');
  return reply
    .status(500)
    .send({ code: 'internal_error', message: `服务器内部错误，请求编号 ${req.id} (internal error)` } satisfies ErrorBody);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .send({ code: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]} (no such endpoint)` } satisfies ErrorBody);
}
