/** The one error handler: typed errors, Zod validation (400 naming the field in Chinese), hidden 5xx. */
import type { FastifyInstance, FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FIELD_LABELS } from '@hbzsgx/domain';
import { AppError } from '../errors.js';

const PART: Record<string, string> = { body: '', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function fieldLabel(path: string): string {
  const parts = path.split('/').filter(Boolean);
  const named = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  return named ? (FIELD_LABELS[named] ?? named) : '请求内容';
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctx = PART[err.validationContext ?? 'body'] ?? '';
      const fields = err.validation.map((v) => ({
        field: v.instancePath.split('/').filter(Boolean).join('.'),
        label: fieldLabel(v.instancePath),
        message: v.message,
      }));
      const message = fields.map((f) => `${ctx}${f.label}：${f.message}`).join('；');
      return reply.status(400).send({ code: 'VALIDATION_ERROR', message, fields });
    }
    if (err instanceof AppError) {
      // a server-side fault raised on purpose (e.g. a corrupt certificate snapshot): its details go to the log only
      if (err.statusCode >= 500) {
        req.log.error({ code: err.code, details: err.details }, 'server error');
        return reply.status(err.statusCode).send({ code: err.code, message: err.message });
      }
      const field = (err.details as { field?: string } | undefined)?.field;
      const fields = field ? [{ field, label: fieldLabel(field), message: err.message.replace(/^[^：]*：/, '') }] : undefined;
      return reply.status(err.statusCode).send({ code: err.code, message: err.message, fields });
    }
    // Postgres unique violation raced past an application check.
    const pgCode = (err as unknown as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (pgCode === '23505') return reply.status(409).send({ code: 'CONFLICT', message: '数据已存在或已被他人修改，请刷新后重试' });
    // Two transactions crossed (deadlock, serialisation): the database rolled this one back; nothing was written.
    if (pgCode === '40P01' || pgCode === '40001')
      return reply.status(409).send({ code: 'CONFLICT', message: '该操作与他人的操作同时进行，未能完成，请重试' });
    // The statement ran past STATEMENT_TIMEOUT_MS and PostgreSQL cancelled it: nothing was written, the connection is free.
    if (pgCode === '57014') return reply.status(503).send({ code: 'QUERY_TIMEOUT', message: '查询超时：请缩小查询范围（如年度、地区、状态）后重试' });
    if (pgCode === '23503') return reply.status(409).send({ code: 'CONFLICT', message: '该记录仍被其他数据引用，不能执行此操作' });
    if (err.statusCode === 429) return reply.status(429).send({ code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const message =
        err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? '上传内容过大'
          : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? '不支持的请求内容类型'
            : err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
              ? '请求内容不是有效的JSON'
              : '请求无效';
      return reply.status(err.statusCode).send({ code: err.code ?? 'BAD_REQUEST', message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后再试' });
  });
}
