import path from 'node:path';
import { loadConfig } from '../../config.js';
import { backup, restore } from './backup.js';

const [cmd, rawFile, ...rest] = process.argv.slice(2);
// npm runs this inside server/; a relative path means relative to where the user ran npm
const file = rawFile ? path.resolve(process.env.INIT_CWD ?? process.cwd(), rawFile) : undefined;
const config = loadConfig();
const target = { databaseUrl: config.DATABASE_URL, dataDir: config.dataDir };
try {
  if (cmd === 'backup' && file) await backup(target, file);
  else if (cmd === 'restore' && file) await restore(target, file, rest.includes('--force'));
  else throw new Error('用法: backup <文件> | restore <文件> [--force]');
  console.log(`${cmd === 'backup' ? '备份' : '恢复'}完成: ${file}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
