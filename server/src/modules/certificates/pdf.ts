/**
 * The 学时证明 as a PDF (pdfkit): one A4 page per certificate, laid out at fixed positions so that a batch is exactly
 * one page per person. Everything printed comes from the certificate's snapshot, so a reprint is the same document.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateContent } from './content.js';
import { yearCompletionName, type MultiYearContent } from './multi-year.js';
import { beijingChineseDate } from '@hbzsgx/domain';
import { certificateFonts } from './fonts.js';

export interface PrintableCertificate {
  code: string;
  issuedAt: Date;
  content: CertificateContent;
}
export interface RenderOptions {
  baseUrl: string;
  includeClaims: boolean;
}

type Doc = PDFKit.PDFDocument;

const W = 595.28;
const H = 841.89;
const X0 = 70;
const CW = W - 2 * X0;
const C = { frame: '#a07d3b', title: '#a8071a', text: '#1f1f1f', grid: '#8c8c8c', fill: '#f6f1e7', muted: '#666666', ok: '#237804', bad: '#a8071a' };
/** The claims table ends above this line, leaving room for 特此证明 above the QR code and the issuer. */
const CLAIMS_BOTTOM = 614;

export const verifyUrl = (baseUrl: string, code: string) => `${baseUrl}/verify/${code}`;

export async function renderCertificates(certs: PrintableCertificate[], opts: RenderOptions): Promise<Buffer> {
  // QR images first (async), then the synchronous layout
  const qrs = await Promise.all(certs.map((c) => qrPng(verifyUrl(opts.baseUrl, c.code))));
  const first = certs[0]?.content;
  const doc = newDocument(
    certs.length === 1 && first ? `${first.name} ${first.year}年度继续教育学时证明` : '继续教育学时证明',
    first?.issuerName ?? '',
  );
  const done = collect(doc);
  certs.forEach((c, i) => page(doc, c, qrs[i]!, opts));
  doc.end();
  return done;
}

/** An A4 document with the certificate fonts registered (pages are added by the caller). */
function newDocument(title: string, author: string): Doc {
  const fonts = certificateFonts();
  const doc = new PDFDocument({
    // our font as the default spares pdfkit loading Helvetica's metrics for every document
    size: 'A4',
    autoFirstPage: false,
    margin: 0,
    font: fonts.regular as unknown as string,
    info: { Title: title, Author: author, Creator: '湖北省专业技术人员继续教育公共服务平台', Producer: '湖北省专业技术人员继续教育公共服务平台' },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  return doc;
}

/**
 * The QR code as an 8-bit greyscale PNG without alpha: pdfkit embeds such a PNG's data as is, while an RGBA one (the
 * qrcode default) must be inflated, split and deflated again; the filter search and strong compression are skipped
 * (a QR code compresses to the same ~2 KB either way, 3× faster).
 */
function qrPng(text: string): Promise<Buffer> {
  const rendererOpts = { colorType: 0, inputHasAlpha: true, filterType: 0, deflateLevel: 1 } as QRCode.QRCodeToBufferOptions['rendererOpts'];
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4, rendererOpts });
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

type FontKey = 'regular' | 'bold';
type Align = 'left' | 'center' | 'right';
/** The document with the font and size in use (pdfkit keeps them private), for measuring without a layout. */
interface Pen {
  doc: Doc;
  font: FontKey;
  size: number;
}

function style(p: Pen, font: FontKey, size: number, color: string): Pen {
  p.font = font;
  p.size = size;
  p.doc.font(font).fontSize(size).fillColor(color);
  return p;
}

/**
 * Advance widths per font and character at size 1, measured once per process, so that fitting and wrapping text
 * costs no font layout (a layout of a CJK string with OpenType shaping is ~1–2 ms; Chinese has no kerning to lose).
 */
const advances = new Map<string, number>();
function widthOf(p: Pen, text: string): number {
  let w = 0;
  for (const ch of text) {
    const key = `${p.font}\u0000${ch}`;
    let a = advances.get(key);
    if (a === undefined) {
      a = p.doc.widthOfString(ch) / p.size;
      advances.set(key, a);
    }
    w += a;
  }
  return w * p.size;
}

/**
 * One line of text at (x, y), aligned within `width`, never wrapped: given a width, pdfkit's line wrapper would
 * measure CJK text character by character, a font layout each.
 */
function put(p: Pen, text: string, x: number, y: number, width = 0, align: Align = 'left') {
  const dx = align === 'left' ? 0 : align === 'center' ? (width - widthOf(p, text)) / 2 : width - widthOf(p, text);
  p.doc.text(text, x + dx, y, { lineBreak: false });
}

/** The longest prefix of `chars` (at least one character) whose width fits. */
function prefixFitting(p: Pen, chars: string[], width: number, suffix = ''): number {
  let w = widthOf(p, suffix);
  let n = 0;
  while (n < chars.length && w + widthOf(p, chars[n]!) <= width) w += widthOf(p, chars[n++]!);
  return n;
}

/** Greedy line breaking for a paragraph (in Chinese any character may end a line). */
function wrapLines(p: Pen, text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = [...text];
  const ascii = (c: string | undefined) => !!c && /[!-~]/.test(c);
  while (rest.length) {
    let n = Math.max(1, prefixFitting(p, rest, width));
    // never break inside a Latin word or the address: move the break before it when the line keeps something
    if (n < rest.length && ascii(rest[n - 1]) && ascii(rest[n])) {
      let k = n;
      while (k > 0 && ascii(rest[k - 1])) k--;
      if (k > 0) n = k;
    }
    lines.push(rest.slice(0, n).join(''));
    rest = rest.slice(n);
  }
  return lines;
}

/** `text`, shortened with an ellipsis when it does not fit `width`. */
function fit(p: Pen, text: string, width: number): string {
  if (widthOf(p, text) <= width) return text;
  const chars = [...text];
  return chars.slice(0, prefixFitting(p, chars, width, '…')).join('') + '…';
}

function page(doc: Doc, cert: PrintableCertificate, qr: Buffer, opts: RenderOptions) {
  const s = cert.content;
  doc.addPage({ size: 'A4', margin: 0 });
  const p: Pen = { doc, font: 'regular', size: 12 };
  frame(doc);
  put(style(p, 'regular', 10, C.muted), '湖北省专业技术人员继续教育公共服务平台', X0, 62, CW, 'center');
  put(style(p, 'bold', 22, C.title), '湖北省专业技术人员继续教育学时证明', X0, 84, CW, 'center');
  put(style(p, 'regular', 13, C.text), `（${s.year}年度）`, X0, 118, CW, 'center');
  put(style(p, 'regular', 9.5, C.muted), `验证码：${cert.code}`, X0, 148, CW, 'right');

  let y = 166;
  y = infoGrid(p, s, y, { label: '学时年度', value: `${s.year}年度` });
  y = section(p, '一、学时认定情况', y + 16);
  y = hoursTable(p, s, y);
  const lead = '年度学时完成情况：';
  put(style(p, 'bold', 13, C.text), lead, X0, y + 14);
  put(style(p, 'bold', 13, s.completed ? C.ok : C.bad), s.completed ? '已完成' : '未完成', X0 + widthOf(p, lead), y + 14);
  put(
    style(p, 'regular', 9.5, C.muted),
    `${s.year}年度要求：合计不少于${s.policy.totalRequired}学时，其中专业科目不少于${s.policy.professionalMin}学时、公需科目不少于${s.policy.publicMin}学时。`,
    X0,
    y + 36,
  );
  y += 58;
  if (opts.includeClaims) y = claimsTable(p, s, y + 8);
  put(style(p, 'regular', 12, C.text), '特此证明。', X0 + 24, y + 10);

  issuerBlock(p, { code: cert.code, issuedAt: cert.issuedAt, issuerName: s.issuerName }, qr, opts.baseUrl);
}

function frame(doc: Doc) {
  doc.save();
  doc
    .lineWidth(2.2)
    .strokeColor(C.frame)
    .rect(26, 26, W - 52, H - 52)
    .stroke();
  doc
    .lineWidth(0.7)
    .rect(32, 32, W - 64, H - 64)
    .stroke();
  doc.restore();
}

function section(p: Pen, title: string, y: number): number {
  put(style(p, 'bold', 12, C.text), title, X0, y);
  return y + 22;
}

interface CellOpts {
  bold?: boolean;
  size?: number;
  align?: Align;
  fill?: string;
  color?: string;
}
function cell(p: Pen, text: string, x: number, y: number, w: number, h: number, o: CellOpts = {}) {
  const doc = p.doc;
  doc.save();
  if (o.fill) doc.rect(x, y, w, h).fill(o.fill);
  doc.lineWidth(0.6).strokeColor(C.grid).rect(x, y, w, h).stroke();
  doc.restore();
  const size = o.size ?? 11;
  style(p, o.bold ? 'bold' : 'regular', size, o.color ?? C.text);
  const pad = 6;
  put(p, fit(p, text, w - 2 * pad), x + pad, y + (h - size * 1.2) / 2 + 0.5, w - 2 * pad, o.align ?? 'left');
}

/** Who the certificate is about, and the years it covers. */
interface Holder {
  name: string;
  idNumberMasked: string;
  orgName: string;
  titleSeries: string;
  titleLevel: string;
}

function infoGrid(p: Pen, s: Holder, y: number, years: { label: string; value: string }): number {
  const h = 27;
  const lw = 74;
  const vw = (CW - 2 * lw) / 2;
  const label = (t: string, x: number, yy: number) => cell(p, t, x, yy, lw, h, { fill: C.fill, align: 'center', size: 10.5 });
  label('姓名', X0, y);
  cell(p, s.name, X0 + lw, y, vw, h);
  label('证件号', X0 + lw + vw, y);
  cell(p, s.idNumberMasked, X0 + 2 * lw + vw, y, vw, h);
  y += h;
  label('工作单位', X0, y);
  cell(p, s.orgName, X0 + lw, y, CW - lw, h);
  y += h;
  label('职称系列', X0, y);
  cell(p, [s.titleSeries, s.titleLevel].filter(Boolean).join(' · ') || '—', X0 + lw, y, vw, h);
  label(years.label, X0 + lw + vw, y);
  cell(p, years.value, X0 + 2 * lw + vw, y, vw, h);
  return y + h;
}

function hoursTable(p: Pen, s: CertificateContent, y: number): number {
  const h = 24;
  const w = [CW * 0.28, CW * 0.24, CW * 0.26, CW * 0.22];
  const xs = w.map((_, i) => X0 + w.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (vals: string[], o: CellOpts = {}) => {
    vals.forEach((v, i) =>
      cell(p, v, xs[i]!, y, w[i]!, h, {
        align: 'center',
        ...o,
        ...(i === 3 && o.color === undefined ? { color: v === '达到' ? C.ok : v === '未达到' ? C.bad : C.text } : {}),
      }),
    );
    y += h;
  };
  const met = (v: number, min: number) => (v >= min ? '达到' : '未达到');
  row(['科目类型', '认定学时', '年度要求', '是否达到'], { bold: true, fill: C.fill, size: 10.5, color: C.text });
  row(['公需科目', `${s.publicHours}`, `不少于${s.policy.publicMin}`, met(s.publicHours, s.policy.publicMin)]);
  row(['专业科目', `${s.professionalHours}`, `不少于${s.policy.professionalMin}`, met(s.professionalHours, s.policy.professionalMin)]);
  row(['合计', `${s.totalHours}`, `不少于${s.policy.totalRequired}`, met(s.totalHours, s.policy.totalRequired)], { bold: true });
  return y;
}

function claimsTable(p: Pen, s: CertificateContent, y: number): number {
  y = section(p, '二、学时明细（已审核通过）', y);
  const h = 18;
  const w = [CW * 0.07, CW * 0.37, CW * 0.11, CW * 0.11, CW * 0.08, CW * 0.26];
  const xs = w.map((_, i) => X0 + w.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (vals: string[], o: CellOpts = {}) => {
    vals.forEach((v, i) => cell(p, v, xs[i]!, y, w[i]!, h, { size: 8.5, align: i === 1 || i === 5 ? 'left' : 'center', ...o }));
    y += h;
  };
  row(['序号', '学习内容', '科目类型', '学习形式', '学时', '代申报机构'], { bold: true, fill: C.fill });
  if (!s.claims.length) {
    cell(p, '本年度暂无已审核通过的学时', X0, y, CW, h, { size: 8.5, align: 'center', color: C.muted });
    return y + h;
  }
  const room = Math.floor((CLAIMS_BOTTOM - y) / h);
  const shown = s.claims.length <= room ? s.claims : s.claims.slice(0, room - 1);
  shown.forEach((c, i) => row([String(i + 1), c.title, c.subjectType, c.learningForm, String(c.hours), c.declaringOrg]));
  if (shown.length < s.claims.length) {
    cell(p, `另有 ${s.claims.length - shown.length} 条学时明细未列出，可登录平台查看`, X0, y, CW, h, { size: 8.5, align: 'center', color: C.muted });
    y += h;
  }
  return y;
}

/** The QR code, the issuer and date, the issuer's electronic seal over them, and the note on verifying. */
function issuerBlock(p: Pen, cert: { code: string; issuedAt: Date; issuerName: string }, qr: Buffer, baseUrl: string) {
  const qy = 652;
  const qs = 88;
  p.doc.image(qr, X0, qy, { width: qs, height: qs });
  put(style(p, 'regular', 8.5, C.muted), '扫码核验真伪', X0, qy + qs + 4, qs, 'center');
  const rx = X0 + qs + 20;
  const rw = CW - qs - 20;
  style(p, 'regular', 12, C.text);
  put(p, fit(p, `发证单位：${cert.issuerName}`, rw), rx, qy + 22, rw, 'right');
  put(p, `发证日期：${beijingChineseDate(cert.issuedAt)}`, rx, qy + 48, rw, 'right');
  seal(p, cert.issuerName, X0 + CW - 74, qy + 36);
  style(p, 'regular', 8, C.muted);
  const note =
    '说明：本证明由湖北省专业技术人员继续教育公共服务平台依据平台学时记录出具，证件号已作脱敏处理。' +
    `请扫描二维码或访问 ${verifyUrl(baseUrl, cert.code)} 核验真伪，核验结果与本证明不一致的，以核验结果为准。`;
  wrapLines(p, note, CW).forEach((l, i) => put(p, l, X0, 764 + i * 12));
}

const SEAL_RED = '#d9001b';
const SEAL_R = 56;

/**
 * The issuing department's electronic seal, drawn as vectors like a round official seal: a double red ring, the
 * department's name along the upper arc (each character upright towards the centre), a five-pointed star, and
 * 电子证书专用章 beneath it; slightly translucent, as ink over the printed issuer.
 */
function seal(p: Pen, issuer: string, cx: number, cy: number) {
  const doc = p.doc;
  doc.save();
  doc.fillOpacity(0.88).strokeOpacity(0.88);
  doc.lineWidth(2.6).strokeColor(SEAL_RED).circle(cx, cy, SEAL_R).stroke();
  doc
    .lineWidth(0.7)
    .circle(cx, cy, SEAL_R - 4)
    .stroke();

  // the name: centred on the top, over at most 250°, in characters that fit the arc
  const chars = [...issuer];
  const textR = SEAL_R - 14;
  const span = Math.min(236, 30 + chars.length * 15);
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const size = Math.min(13, Math.max(7, ((2 * Math.PI * textR * (span / 360)) / Math.max(chars.length, 1)) * 0.9));
  style(p, 'bold', size, SEAL_RED);
  chars.forEach((ch, i) => {
    const deg = -span / 2 + i * step;
    const rad = (deg * Math.PI) / 180;
    doc.save();
    doc.translate(cx + textR * Math.sin(rad), cy - textR * Math.cos(rad));
    doc.rotate(deg);
    doc.text(ch, -widthOf(p, ch) / 2, -size * 0.62, { lineBreak: false });
    doc.restore();
  });

  star(doc, cx, cy - 3, SEAL_R * 0.26);
  style(p, 'bold', 8.5, SEAL_RED);
  put(p, '电子证书专用章', cx - 40, cy + SEAL_R * 0.4, 80, 'center');
  doc.restore();
}

function star(doc: Doc, cx: number, cy: number, r: number) {
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const rr = i % 2 === 0 ? r : r * 0.382;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    pts.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  doc.polygon(...pts).fill(SEAL_RED);
}

export interface PrintableMultiYear {
  code: string;
  issuedAt: Date;
  content: MultiYearContent;
}

/** 多年度学时证明: one A4 page, a row per year and a 合计 row. */
export async function renderMultiYear(cert: PrintableMultiYear, opts: { baseUrl: string }): Promise<Buffer> {
  const qr = await qrPng(verifyUrl(opts.baseUrl, cert.code));
  const s = cert.content;
  const doc = newDocument(`${s.name} ${s.fromYear}—${s.toYear}年度继续教育学时证明`, s.issuerName);
  const done = collect(doc);
  doc.addPage({ size: 'A4', margin: 0 });
  const p: Pen = { doc, font: 'regular', size: 12 };
  frame(doc);
  const n = s.years.length;
  put(style(p, 'regular', 10, C.muted), '湖北省专业技术人员继续教育公共服务平台', X0, 62, CW, 'center');
  put(style(p, 'bold', 22, C.title), '湖北省专业技术人员继续教育学时证明', X0, 84, CW, 'center');
  put(style(p, 'regular', 13, C.text), `（${s.fromYear}—${s.toYear}年度 · 多年度）`, X0, 118, CW, 'center');
  put(style(p, 'regular', 9.5, C.muted), `验证码：${cert.code}`, X0, 148, CW, 'right');
  let y = infoGrid(p, s, 166, { label: '证明年度', value: `${s.fromYear}—${s.toYear}年度（${n}年）` });
  y = section(p, '各年度学时认定情况', y + 16);
  y = yearsTable(p, s, y);
  const met = s.years.filter((r) => r.completed === true).length;
  const notDone = s.years.filter((r) => r.completed === false).length;
  const unset = n - met - notDone;
  put(
    style(p, 'regular', 11, C.text),
    `其中：${met}个年度已完成，${notDone}个年度未完成${unset ? `，${unset}个年度未设置学时要求` : ''}。`,
    X0,
    y + 12,
  );
  put(style(p, 'regular', 12, C.text), '特此证明。', X0 + 24, y + 38);
  issuerBlock(p, { code: cert.code, issuedAt: cert.issuedAt, issuerName: s.issuerName }, qr, opts.baseUrl);
  doc.end();
  return done;
}

function yearsTable(p: Pen, s: MultiYearContent, y: number): number {
  const h = s.years.length > 10 ? 18 : 22;
  const w = [CW * 0.13, CW * 0.14, CW * 0.14, CW * 0.14, CW * 0.3, CW * 0.15];
  const xs = w.map((_, i) => X0 + w.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (vals: string[], o: CellOpts = {}, color?: string) => {
    vals.forEach((v, i) => cell(p, v, xs[i]!, y, w[i]!, h, { align: 'center', size: 10, ...o, ...(i === 5 && color ? { color } : {}) }));
    y += h;
  };
  row(['年度', '公需科目', '专业科目', '合计', '要求（合计/专业/公需）', '完成情况'], { bold: true, fill: C.fill, size: 10 });
  for (const r of s.years) {
    const req = r.policy ? `${r.policy.totalRequired} / ${r.policy.professionalMin} / ${r.policy.publicMin}` : '未设置';
    row(
      [`${r.year}`, `${r.publicHours}`, `${r.professionalHours}`, `${r.totalHours}`, req, yearCompletionName(r.completed)],
      {},
      r.completed == null ? C.muted : r.completed ? C.ok : C.bad,
    );
  }
  const sum = (k: 'publicHours' | 'professionalHours' | 'totalHours') => Math.round(s.years.reduce((a, r) => a + r[k], 0) * 10) / 10;
  row(['合计', `${sum('publicHours')}`, `${sum('professionalHours')}`, `${sum('totalHours')}`, '—', '—'], { bold: true });
  return y;
}
