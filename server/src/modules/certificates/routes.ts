/** 电子证书查询打印 (HR), 我的电子证书 (personnel) and the public 证书验证. Data logic in service.ts (and search.ts, verify.ts). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  certificatePeople,
  certificateUnits,
  certificateVerification,
  fileResponse,
  idSchema,
  int,
  myCertificates as myCertificatesAnswer,
  multiYearOptions,
  multiYearRange,
  multiYearRangeShape,
  refineMultiYearRange,
  pageQuery,
  text,
  year as yearField,
} from '@hbzsgx/domain';
import { contextOf, publicContextOf } from '../../context.js';
import { attachmentName } from '../../lib/excel.js';
import { registerExport } from '../../lib/export.js';
import { listUnits, searchPeople } from './search.js';
import {
  multiYearOptionsFor,
  myCertificates,
  myMultiYearOptions,
  printBatch,
  printForPerson,
  printMultiYearFor,
  printMultiYearOwn,
  printOwn,
} from './service.js';
import { verifyCertificate } from './verify.js';

const year = yearField();
const includeClaims = z.boolean().default(false);
const filters = z.object({
  year,
  name: text(50).optional(),
  idNumber: text(30).optional(),
  orgId: idSchema.optional(),
  orgName: text(100).optional(),
  sort: z.enum(['name', 'orgName', 'totalHours']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
const peopleQuery = pageQuery.extend(filters.shape);
const pdfFile = fileResponse('学时证明（PDF）');

function sendPdf(reply: FastifyReply, filename: string, pdf: Buffer, headers: Record<string, string> = {}) {
  const safe = attachmentName(filename) + '.pdf';
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `attachment; filename="certificate.pdf"; filename*=UTF-8''${encodeURIComponent(safe)}`)
    .header('Cache-Control', 'no-store')
    .send(pdf);
}

export default async function certificateRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['电子证书'];
  /** Where the QR codes point: PUBLIC_URL, else the address this request came to (honours X-Forwarded-* with TRUST_PROXY). */
  const baseUrl = (req: FastifyRequest) => deps.config.PUBLIC_URL ?? `${req.protocol}://${req.host}`;

  app.get(
    '/api/certificates/people',
    {
      config: { access: { permission: 'cert.print' } },
      schema: { tags, summary: '辖区专技人员某年度学时、完成情况与电子证书', querystring: peopleQuery, response: { 200: certificatePeople } },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return searchPeople(contextOf(req), f, { page, pageSize });
    },
  );

  registerExport(app, {
    url: '/api/certificates/people/export',
    access: { permission: 'cert.print' },
    tags,
    summary: '导出查询结果（xlsx/csv，与列表相同的筛选）',
    file: '学时证明查询.xlsx',
    filters,
    build: (ctx, { filters: f }) => ({
      what: 'certificates.people',
      title: `${f.year}年度学时证明查询`,
      filters: { ...f, idNumber: f.idNumber ? '（已指定）' : undefined },
      load: (p) => searchPeople(ctx, f, p),
      columns: [
        { header: '序号', width: 8, value: (r) => r.seq },
        { header: '姓名', value: (r) => r.name },
        { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
        { header: '所在单位', width: 30, value: (r) => r.orgName },
        { header: '职称系列', value: (r) => r.titleSeriesName },
        { header: '年度', width: 8, value: (r) => r.year },
        { header: '公需科目学时', value: (r) => r.publicHours },
        { header: '专业科目学时', value: (r) => r.professionalHours },
        { header: '合计学时', value: (r) => r.totalHours },
        { header: '完成情况', value: (r) => r.completionName },
        { header: '证书验证码', width: 28, value: (r) => r.certificate?.code ?? '' },
        { header: '证书状态', value: (r) => r.certificate?.validityName ?? '未出具' },
      ],
    }),
  });

  app.get(
    '/api/certificates/units',
    {
      config: { access: { permission: 'cert.print' } },
      schema: {
        tags,
        summary: '辖区内有在职专技人员的单位（批量打印）',
        querystring: z.object({ keyword: text(50).optional() }),
        response: { 200: certificateUnits },
      },
    },
    async (req) => listUnits(contextOf(req), req.query.keyword),
  );

  app.post(
    '/api/certificates/print',
    {
      config: { access: { permission: 'cert.print' } },
      schema: {
        tags,
        summary: '打印学时证明（PDF；学时未变时沿用原证书）',
        body: z.object({ personnelId: idSchema, year, includeClaims }),
        response: { 200: pdfFile },
      },
    },
    async (req, reply) => {
      const { cert, pdf } = await printForPerson(contextOf(req), req.body, baseUrl(req));
      return sendPdf(reply, `学时证明_${cert.content.name}_${cert.year}`, pdf, { 'X-Certificate-Code': cert.code });
    },
  );

  app.post(
    '/api/certificates/print-batch',
    {
      config: { access: { permission: 'cert.print' } },
      schema: {
        tags,
        summary: '批量打印一个单位的学时证明（一人一页，合成一个PDF）',
        body: z.object({ orgId: idSchema, year, part: int(1, 100000).optional(), includeClaims }),
        response: { 200: pdfFile },
      },
    },
    async (req, reply) => {
      const r = await printBatch(contextOf(req), req.body, baseUrl(req));
      return sendPdf(reply, `学时证明_${r.org.name}_${req.body.year}${r.parts > 1 ? `_第${r.part}批` : ''}`, r.pdf, {
        'X-Certificate-Count': String(r.certs.length),
      });
    },
  );

  app.get(
    '/api/me/certificates',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '本人各年度学时与电子证书', response: { 200: myCertificatesAnswer } },
    },
    async (req) => myCertificates(contextOf(req)),
  );

  app.post(
    '/api/me/certificates/print',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '下载本人学时证明（PDF）', body: z.object({ year, includeClaims }), response: { 200: pdfFile } },
    },
    async (req, reply) => {
      const { cert, pdf } = await printOwn(contextOf(req), req.body, baseUrl(req));
      return sendPdf(reply, `学时证明_${cert.content.name}_${cert.year}`, pdf, { 'X-Certificate-Code': cert.code });
    },
  );

  // 多年度学时证明: the person themself, or HR for a person in its jurisdiction (else 404)
  const multiYearFile = (content: { name: string; fromYear: number; toYear: number }) =>
    `多年度学时证明_${content.name}_${content.fromYear}-${content.toYear}`;
  app.get(
    '/api/me/certificates/multi-year',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '多年度学时证明：可选年度与默认范围（自现职称取得年度起）', response: { 200: multiYearOptions } },
    },
    async (req) => myMultiYearOptions(contextOf(req)),
  );
  app.post(
    '/api/me/certificates/multi-year',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '下载本人多年度学时证明（PDF，一年一行）', body: multiYearRange, response: { 200: pdfFile } },
    },
    async (req, reply) => {
      const { cert, pdf } = await printMultiYearOwn(contextOf(req), req.body, baseUrl(req));
      return sendPdf(reply, multiYearFile(cert.content), pdf, { 'X-Certificate-Code': cert.code });
    },
  );
  app.get(
    '/api/certificates/people/:id/multi-year',
    {
      config: { access: { permission: 'cert.print' } },
      schema: {
        tags,
        summary: '辖区专技人员的多年度学时证明：可选年度与默认范围',
        params: z.object({ id: idSchema }),
        response: { 200: multiYearOptions },
      },
    },
    async (req) => multiYearOptionsFor(contextOf(req), req.params.id),
  );
  app.post(
    '/api/certificates/multi-year',
    {
      config: { access: { permission: 'cert.print' } },
      schema: {
        tags,
        summary: '打印辖区专技人员的多年度学时证明（PDF）',
        body: z.object({ personnelId: idSchema, ...multiYearRangeShape }).superRefine(refineMultiYearRange),
        response: { 200: pdfFile },
      },
    },
    async (req, reply) => {
      const { cert, pdf } = await printMultiYearFor(contextOf(req), req.body, baseUrl(req));
      return sendPdf(reply, multiYearFile(cert.content), pdf, { 'X-Certificate-Code': cert.code });
    },
  );

  app.get(
    '/api/public/certificates/:code',
    {
      config: { access: { public: true }, rateLimit: { max: deps.config.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '证书验证（无需登录；每次验证均记录）',
        params: z.object({ code: text(100, { min: 1 }) }) /* a malformed code up to the router's cap: a logged 404 */,
        response: { 200: certificateVerification },
      },
    },
    async (req) => verifyCertificate(publicContextOf(req), req.params.code),
  );
}
