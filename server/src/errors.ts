/** Typed errors; one handler (plugins/errors.ts) turns them into answers. */
export class AppError extends Error {
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'BAD_REQUEST', message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = '请先登录', code = 'UNAUTHORIZED') {
    super(401, code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = '没有执行此操作的权限', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}
/** Not found, or out of the actor's scope: the two answer the same. */
export class NotFoundError extends AppError {
  constructor(what = '记录', field?: string) {
    super(404, 'NOT_FOUND', `${what}不存在或无权访问`, field ? { field } : undefined);
  }
}
/** The record is not in the state the request expected (already decided, changed meanwhile, duplicate). */
export class ConflictError extends AppError {
  constructor(message: string, code = 'CONFLICT', field?: string) {
    super(409, code, message, field ? { field } : undefined);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(message = '操作过于频繁，请稍后再试') {
    super(429, 'TOO_MANY_REQUESTS', message);
  }
}
/** The process cannot serve yet (database unreachable, migrations pending): a load balancer sends traffic elsewhere. */
export class NotReadyError extends AppError {
  constructor(message = '服务尚未就绪', cause?: unknown) {
    super(503, 'NOT_READY', message);
    if (cause) this.cause = cause;
  }
}
