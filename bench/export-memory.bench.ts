/**
 * Export memory (issue 10 item 3): N rows × 12 columns of Chinese text written as xlsx the old way (the whole
 * workbook in memory, then a buffer) and the new way (lib/excel.ts writeExport: rows committed as written), each in a
 * fresh child process; prints time and peak RSS growth.   npx tsx bench/export-memory.bench.ts [--rows 49484]
 */
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { writeExport, xlsxBuffer, type Column } from '../server/src/lib/excel.js';
import { arg } from './dataset.js';

const rows = arg('rows', 49_484);
const mode = process.argv.includes('--child') ? process.argv[process.argv.indexOf('--child') + 1] : null;

type Row = string[];
const columns: Column<Row>[] = Array.from({ length: 12 }, (_, i) => ({ header: `列${i + 1}`, value: (r: Row) => r[i] }));
const make = (k: number): Row[] =>
  Array.from({ length: 2000 }, (_, j) => Array.from({ length: 12 }, (_, i) => `湖北省武汉市江岸区第${k * 2000 + j}号单位${i}`));

if (mode) {
  const base = process.memoryUsage().rss;
  let peak = base;
  const tick = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = Date.now();
  let bytes = 0;
  if (mode === 'memory') {
    const all: Row[] = [];
    for (let k = 0; k * 2000 < rows; k++) all.push(...make(k).slice(0, rows - k * 2000));
    bytes = (await xlsxBuffer('导出', columns, all)).length;
  } else {
    async function* pages() {
      for (let k = 0; k * 2000 < rows; k++) yield make(k).slice(0, rows - k * 2000);
    }
    const sink = new Writable({
      write(c: Buffer, _e, cb) {
        bytes += c.length;
        cb();
      },
    });
    await writeExport(sink, 'xlsx', '导出', columns, pages());
  }
  clearInterval(tick);
  console.log(JSON.stringify({ mode, ms: Date.now() - t, peakMb: Math.round((Math.max(peak, process.memoryUsage().rss) - base) / 1048576), bytes }));
} else {
  for (const m of ['memory', 'stream']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', m, '--rows', String(rows)], { encoding: 'utf8' });
    console.log(out.trim());
  }
}
