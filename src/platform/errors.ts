// Domain errors carry an HTTP status and a stable code; the HTTP layer maps them to `{ code, message, details }`.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code: string, message: string, details?: unknown) => new AppError(401, code, message, details);
export const forbidden = (code: string, message: string, details?: unknown) => new AppError(403, code, message, details);
export const notFound = (code: string, message: string, details?: unknown) => new AppError(404, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const locked = (code: string, message: string, details?: unknown) => new AppError(423, code, message, details);
