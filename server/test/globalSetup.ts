/**
 * Migrates ONE database image per run; each test file clones it (PGlite: loadDataDir from a dumped tarball;
 * PostgreSQL: CREATE DATABASE … TEMPLATE). Reference data (divisions, HR tree) is already in the image.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { onConnectionError, openPglite, openPostgres } from '../src/db/client.js';
import { seedReference } from '../src/db/seed/reference.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbImage: string;
    pgTemplate: string;
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const tpl = `hbzsgx_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    admin.on('error', onConnectionError('test template admin client'));
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${tpl}`);
    await admin.query(`CREATE DATABASE ${tpl}`);
    const database = openPostgres(withDatabase(url, tpl), 2);
    await database.migrate();
    await seedReference(database.db);
    await database.close();
    project.provide('pgTemplate', tpl);
    project.provide('dbImage', '');
    return async () => {
      const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'hbzsgx_t_${process.pid}_%' OR datname = $1`, [tpl]);
      for (const r of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const client = await PGlite.create();
  const database = openPglite(client);
  await database.migrate();
  await seedReference(database.db);
  const blob = await client.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `hbzsgx-test-image-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await client.close();
  project.provide('dbImage', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(file, { force: true });
}
