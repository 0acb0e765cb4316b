/**
 * 我的导出: the requester's background exports (list, progress, download). Every export route itself is declared
 * with lib/export.ts registerExport() in its module; the worker that runs the queued ones lives here (worker.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportJob, exportJobPage, fileResponse, idSchema, pageQuery } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { exportHeaders } from '../../lib/excel.js';
import { myExport, myExports, openExportFile } from './service.js';
import { ExportWorker } from './worker.js';

const workers = new WeakMap<AppDeps, ExportWorker>();
/** The app's export worker (tests drive it by hand: stop(), processJob(), runUntilIdle()). */
export function exportWorkerOf(app: FastifyInstance): ExportWorker {
  const w = workers.get(app.deps);
  if (!w) throw new Error('export routes not registered');
  return w;
}

export default async function exportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['我的导出'];
  const params = z.object({ id: idSchema });
  const own = { access: { authenticated: true as const } };

  const worker = new ExportWorker(app.deps, app.log);
  workers.set(app.deps, worker);
  app.addHook('onReady', async () => {
    worker.start();
  });
  app.addHook('onClose', async () => {
    await worker.stop();
  });

  app.get(
    '/api/exports',
    { config: own, schema: { tags, summary: '我的导出（本人发起的后台导出任务）', querystring: pageQuery, response: { 200: exportJobPage } } },
    async (req) => myExports(contextOf(req), req.query),
  );

  app.get(
    '/api/exports/:id',
    { config: own, schema: { tags, summary: '后台导出任务的进度（仅发起人可见）', params, response: { 200: exportJob } } },
    async (req) => myExport(contextOf(req), req.params.id),
  );

  app.get(
    '/api/exports/:id/download',
    {
      config: own,
      schema: { tags, summary: '下载后台导出的文件（仅发起人；记入审计日志）', params, response: { 200: fileResponse('导出文件（xlsx 或 csv）') } },
    },
    async (req, reply) => {
      const f = await openExportFile(contextOf(req), req.params.id);
      return exportHeaders(reply, f.title, f.format).header('Content-Length', f.size).send(f.stream);
    },
  );
}
