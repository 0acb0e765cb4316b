/**
 * No import cycle in server/src or web/src (issue 9, item 4), type-only imports included: a cycle through app.ts
 * (services importing `AppDeps` from the module that imports every route) is what `deps.ts` removed, and this keeps
 * it gone. Same check as `npx madge --circular --extensions ts,tsx --ts-config server/tsconfig.json server/src`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function graph(dir: string, tsConfig: string) {
  return madge(dir, {
    fileExtensions: ['ts', 'tsx'],
    tsConfig,
    // type-only imports are edges too: `import type` from a module that imports you is still a cycle
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
}

describe('import cycles', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hbzsgx-cycles-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('server/src has none, and every relative import resolves', async () => {
    const res = await graph(path.join(root, 'server/src'), path.join(root, 'server/tsconfig.json'));
    // the graph really follows `.js` specifiers to `.ts` files (otherwise "no cycle" would prove nothing)
    expect(res.obj()['app.ts']).toContain('deps.ts');
    expect(res.warnings().skipped).toEqual([]);
    expect(res.circular()).toEqual([]);
  });

  it('web/src has none, and every relative import resolves', async () => {
    const res = await graph(path.join(root, 'web/src'), path.join(root, 'web/tsconfig.json'));
    expect(res.obj()['app/main.tsx']).toContain('app/routes.tsx');
    expect(res.warnings().skipped).toEqual([]);
    expect(res.circular()).toEqual([]);
  });

  it('the check sees a planted cycle made of a type-only import', async () => {
    fs.writeFileSync(path.join(tmp, 'a.ts'), "import type { B } from './b.js';\nexport const a = (b: B) => b;\n");
    fs.writeFileSync(path.join(tmp, 'b.ts'), "import { a } from './a.js';\nexport type B = { a: typeof a };\n");
    const res = await graph(tmp, path.join(root, 'server/tsconfig.json'));
    expect(res.circular()).toEqual([['a.ts', 'b.ts']]);
  });
});
