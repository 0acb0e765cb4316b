/**
 * Which reader may read users' spreadsheets (issue 8 item 3): every candidate reads the same generated xlsx — N rows
 * whose every text cell is Chinese (3–4-character names, some with CJK Extension B characters, long 单位 names, long
 * remarks; unique strings, so sharedStrings.xml and the sheet span many 16 KB inflate chunks) — and is compared cell
 * by cell with the source. Each candidate runs in its own child process; peak RSS is the kernel's high-water mark
 * (VmHWM), "extra" is that minus the RSS before reading (file buffer and expected values already loaded).
 *
 * The candidates are installed OUTSIDE the project, only for this comparison (only the chosen reader is a
 * dependency of server/):
 *   mkdir -p /tmp/xlsx-readers && cd /tmp/xlsx-readers && npm init -y >/dev/null \
 *     && npm install exceljs@4.4.0 @zurmokeeper/exceljs@4.4.9 @cj-tech-master/excelts@5.1.17 @e965/xlsx@0.20.3
 *   # excelts ≥ 6 declares node ≥ 22; to measure it anyway on node 20:
 *   mkdir -p /tmp/xlsx-readers10 && cd /tmp/xlsx-readers10 && npm init -y >/dev/null \
 *     && npm install --engine-strict=false @cj-tech-master/excelts@10.2.0
 * Usage: npx tsx bench/xlsx-readers.bench.ts [--rows 100000] [--from /tmp/xlsx-readers] [--from10 /tmp/xlsx-readers10] [--only <part of a name>] [--runs 3]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

const argOf = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const ROWS = Number(argOf('rows', '100000'));
const FROM = argOf('from', '/tmp/xlsx-readers');
const FROM10 = argOf('from10', '/tmp/xlsx-readers10');

// ---- the data: deterministic, so a child process rebuilds the expected values instead of receiving them ----
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳诸葛';
const GIVEN = '明华建国志伟军敏静丽强磊洋艳勇杰娟涛超秀霞平刚桂英芳燕玲红梅兰鑫淼犇骉焱垚昊旻喆頔翀珺琰瑄';
const RARE = ['𠮷', '𡈽', '𬌗', '𬍛', '𬎆', '䶮', '㛃', '龑']; // Extension B/…: 4 bytes in UTF-8, a surrogate pair in JS
const PLACES = [
  '武汉市江岸区',
  '武汉市江汉区',
  '黄石市西塞山区',
  '十堰市张湾区',
  '宜昌市西陵区',
  '襄阳市樊城区',
  '恩施土家族苗族自治州利川市',
  '神农架林区',
];
const KINDS = ['第一人民医院', '实验中学', '疾病预防控制中心', '建筑设计研究院有限公司', '职业技术学院', '农业技术推广中心', '中心小学'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const HEADER = ['姓名', '证件号', '所在单位', '内设部门', '职称名称', '备注'];

/** Row i's cells (all strings; 证件号 is the one ASCII column). */
export function expectedRows(n: number): string[][] {
  const r = rng(20_260_808);
  const pick = (s: string | string[]) => s[Math.floor(r() * s.length)]!;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    let name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
    if (i % 2) name += pick(GIVEN);
    if (i % 97 === 0) name = name.slice(0, -1) + pick(RARE);
    const unit = `湖北省${pick(PLACES)}${pick(GIVEN)}${pick(GIVEN)}${pick(KINDS)}`;
    const dept = pick(GIVEN) + pick(GIVEN) + '科';
    const title = pick(['主治医师', '一级教师', '高级工程师', '副主任护师', '农艺师', '会计师']);
    let note = '';
    for (let k = 0; k < 12 + (i % 9); k++) note += pick(GIVEN) + pick(SURNAMES);
    rows.push([name, `42010219${String(80 + (i % 20)).padStart(2, '0')}${String(i).padStart(8, '0')}`, unit, dept, title, note]);
  }
  return rows;
}

async function buildFile(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专技人员');
  ws.addRow(HEADER);
  for (const row of expectedRows(ROWS)) ws.addRow(row);
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

// ---- the candidates: each answers the data rows as arrays of cell texts ----
type Rows = AsyncIterable<unknown[]>;
const text = (v: unknown): string => {
  if (v == null) return '';
  if (typeof v === 'object' && v && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  return String(v);
};

function exceljsLike(mod: {
  stream: { xlsx: { WorkbookReader: new (s: Readable, o: object) => AsyncIterable<AsyncIterable<{ values: unknown[] }>> } };
}) {
  return async function* (buf: Buffer): Rows {
    const reader = new mod.stream.xlsx.WorkbookReader(Readable.from([buf]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const ws of reader) {
      for await (const row of ws) yield (row.values as unknown[]).slice(1);
      return;
    }
  };
}

function excelts(mod: { WorkbookReader: new (s: Readable, o: object) => AsyncIterable<AsyncIterable<{ values: unknown[] }>> }) {
  return async function* (buf: Buffer): Rows {
    const reader = new mod.WorkbookReader(Readable.from([buf]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const ws of reader) {
      for await (const row of ws) yield (row.values as unknown[]).slice(1);
      return;
    }
  };
}

type SheetJS = { read: (b: Buffer, o: object) => { SheetNames: string[]; Sheets: Record<string, { '!data'?: ({ v?: unknown } | undefined)[][] }> } };
function sheetjs(mod: SheetJS) {
  return async function* (buf: Buffer): Rows {
    const wb = mod.read(buf, { type: 'buffer', dense: true, cellDates: true, cellHTML: false, cellText: false, sheets: 0 });
    const data = wb.Sheets[wb.SheetNames[0]!]!['!data'] ?? [];
    for (const row of data) yield (row ?? []).map((c) => c?.v);
  };
}

async function candidate(name: string): Promise<(buf: Buffer) => Rows> {
  const req = (dir: string, pkg: string) => createRequire(path.join(dir, 'package.json'))(pkg);
  switch (name) {
    case 'exceljs 4.4.0 (stream)':
      return exceljsLike(req(FROM, 'exceljs'));
    case '@zurmokeeper/exceljs 4.4.9 (stream)':
      return exceljsLike(req(FROM, '@zurmokeeper/exceljs'));
    case '@cj-tech-master/excelts 5.1.17 (stream)':
      return excelts(req(FROM, '@cj-tech-master/excelts'));
    case '@cj-tech-master/excelts 10.2.0 (stream, node ≥ 22)':
      return excelts(req(FROM10, '@cj-tech-master/excelts'));
    case '@e965/xlsx 0.20.3 (SheetJS, dense)':
      return sheetjs(req(FROM, '@e965/xlsx'));
    case 'server/src/lib/excel.ts streamRows': {
      const { streamRows } = await import('../server/src/lib/excel.js');
      return async function* (buf: Buffer) {
        for await (const r of streamRows(buf)) yield r.cells;
      };
    }
    default:
      throw new Error(`unknown candidate ${name}`);
  }
}
const CANDIDATES = [
  'exceljs 4.4.0 (stream)',
  '@zurmokeeper/exceljs 4.4.9 (stream)',
  '@cj-tech-master/excelts 5.1.17 (stream)',
  '@cj-tech-master/excelts 10.2.0 (stream, node ≥ 22)',
  '@e965/xlsx 0.20.3 (SheetJS, dense)',
  'server/src/lib/excel.ts streamRows',
];

const mb = (kb: number) => Math.round(kb / 1024);
const statusKb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);

interface Result {
  name: string;
  ms: number;
  rssBeforeMb: number;
  peakMb: number;
  extraMb: number;
  rows: number;
  wrongCells: number;
  wrongRows: number;
  fffdCells: number;
  sample?: string;
  error?: string;
}

async function child(name: string, file: string): Promise<Result> {
  const buf = fs.readFileSync(file);
  const expected = expectedRows(ROWS);
  const read = await candidate(name);
  global.gc?.();
  const rssBefore = statusKb('VmRSS');
  const t = process.hrtime.bigint();
  let i = -1,
    wrongCells = 0,
    fffdCells = 0,
    sample: string | undefined;
  const wrongRows = new Set<number>();
  for await (const cells of read(buf)) {
    if (i++ < 0) continue; // the header
    const want = expected[i - 1];
    for (let c = 0; c < HEADER.length; c++) {
      const got = text(cells[c]);
      if (got === want?.[c]) continue;
      wrongCells++;
      wrongRows.add(i);
      if (got.includes('\uFFFD')) fffdCells++;
      sample ??= `row ${i + 1} col ${c + 1}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want?.[c])}`;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
  const peak = statusKb('VmHWM');
  const rows = Math.max(0, i);
  if (rows !== ROWS) sample ??= `${rows} data rows read, ${ROWS} expected`;
  return {
    name,
    ms: Math.round(elapsed),
    rssBeforeMb: mb(rssBefore),
    peakMb: mb(peak),
    extraMb: mb(peak - rssBefore),
    rows,
    wrongCells,
    wrongRows: wrongRows.size + Math.abs(ROWS - rows),
    fffdCells,
    sample,
  };
}

async function main() {
  const childAt = process.argv.indexOf('--child');
  if (childAt > 0) {
    const name = process.argv[childAt + 1]!;
    const file = argOf('file', '');
    let r: Result;
    try {
      r = await child(name, file);
    } catch (e) {
      r = {
        name,
        ms: 0,
        rssBeforeMb: 0,
        peakMb: 0,
        extraMb: 0,
        rows: 0,
        wrongCells: 0,
        wrongRows: 0,
        fffdCells: 0,
        error: String((e as Error).message ?? e).slice(0, 200),
      };
    }
    process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
    return;
  }
  const file = path.join(os.tmpdir(), `xlsx-readers-${ROWS}.xlsx`);
  if (!fs.existsSync(file)) await buildFile(file);
  console.log(
    `file: ${ROWS} data rows × ${HEADER.length} columns, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB (${file}); node ${process.version}`,
  );
  const results: Result[] = [];
  const only = argOf('only', '');
  const runs = Number(argOf('runs', '3'));
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  for (const name of CANDIDATES.filter((c) => c.includes(only))) {
    const all: Result[] = [];
    for (let k = 0; k < runs; k++) {
      let out: string;
      try {
        out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', ...process.argv.slice(1), '--child', name, '--file', file], {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout ?? '');
        if (!out.includes('RESULT ')) out = `RESULT ${JSON.stringify({ name, error: String((e as Error).message).slice(0, 200) })}`;
      }
      const r = JSON.parse(out.slice(out.lastIndexOf('RESULT ') + 7)) as Result;
      console.log(JSON.stringify(r));
      all.push(r);
    }
    // median time and memory over the runs (GC timing moves a single run's peak by ±100 MB); the worst correctness
    const worst = all.reduce((a, b) => (b.error || b.wrongCells > a.wrongCells ? b : a));
    results.push({
      ...worst,
      ms: med(all.map((r) => r.ms)),
      peakMb: med(all.map((r) => r.peakMb)),
      extraMb: med(all.map((r) => r.extraMb)),
      rssBeforeMb: med(all.map((r) => r.rssBeforeMb)),
    });
  }
  console.log(
    `\n${runs} runs each (median time and RSS; the worst correctness)\n\n| reader | rows read | cells ≠ source (rows) | cells with U+FFFD | time | peak RSS | extra RSS |\n|---|---|---|---|---|---|---|`,
  );
  for (const r of results) {
    if (r.error) {
      console.log(`| ${r.name} | failed: ${r.error} | | | | | |`);
      continue;
    }
    console.log(
      `| ${r.name} | ${r.rows.toLocaleString('en')} | ${r.wrongCells.toLocaleString('en')} (${r.wrongRows.toLocaleString('en')}) | ${r.fffdCells.toLocaleString('en')} | ${(r.ms / 1000).toFixed(1)} s | ${r.peakMb} MB | ${r.extraMb} MB |`,
    );
  }
  for (const r of results) if (r.sample) console.log(`${r.name}: first difference ${r.sample}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
