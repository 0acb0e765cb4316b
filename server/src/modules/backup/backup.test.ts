import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { openDatabase } from '../../db/client.js';
import { organizations } from '../../db/schema.js';
import { seedReference } from '../../db/seed/reference.js';
import { backupPglite, restorePglite } from './backup.js';

describe('backup and restore (embedded database)', () => {
  it('restores exactly what was backed up, and refuses to overwrite without --force', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hbzsgx-backup-'));
    try {
      const src = path.join(root, 'src');
      const a = await openDatabase({ dataDir: src });
      await a.migrate();
      await seedReference(a.db);
      const [before] = await a.db.select({ n: count() }).from(organizations);
      await a.close();

      const file = path.join(root, 'b.tar.gz');
      await backupPglite(src, file);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);

      const dst = path.join(root, 'dst');
      await restorePglite(dst, file);
      const b = await openDatabase({ dataDir: dst });
      const [after] = await b.db.select({ n: count() }).from(organizations);
      await b.close();
      expect(after!.n).toBe(before!.n);
      expect(after!.n).toBeGreaterThan(100);

      await expect(restorePglite(dst, file)).rejects.toThrow(/--force/);
      await restorePglite(dst, file, true);
      expect(fs.readdirSync(dst).some((f) => f.startsWith('pgdata.before-restore-'))).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
