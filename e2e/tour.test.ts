/**
 * Tour (issue 11: every list page fits the screen): every role's every left-menu entry, opened at 1440×900 once its
 * tables have loaded, photographed (test-output/e2e/tour-<role>-<nn>-<slug>.png) and measured — a table whose
 * content is wider than its box scrolls sideways. Review queues are measured on 已审核 as well. The pages that scroll
 * are exactly the allow-list below, each with the reason its manual column list cannot fit the ~1170 px content width;
 * the measurements are printed for the notes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MenuItem } from '@hbzsgx/domain';
import { enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

/** The demo seats, each with its 用户类型 and a new password for the forced change. */
const ALL_ROLES: { role: string; slug: string; loginType: string; password: string }[] = [
  { role: '省人社厅管理员', slug: 'province', loginType: '人社部门', password: 'Prov@2026tour' },
  { role: '审计管理员（省人社厅）', slug: 'auditor', loginType: '人社部门', password: 'Audit@2026tour' },
  { role: '市州人社局管理员（武汉市）', slug: 'city', loginType: '人社部门', password: 'City@2026tour' },
  { role: '县区人社局管理员（江岸区）', slug: 'county', loginType: '人社部门', password: 'County@2026tour' },
  { role: '主管部门管理员', slug: 'authority', loginType: '主管部门', password: 'Auth@2026tour' },
  { role: '用人单位管理员', slug: 'employer', loginType: '用人单位', password: 'Unit@2026tour' },
  { role: '继续教育基地管理员', slug: 'base', loginType: '继续教育基地', password: 'Base@2026tour' },
  { role: '专业技术人员', slug: 'person', loginType: '专业技术人员', password: 'Teacher@2026tour' },
];
/** TOUR_ROLES=city,county: only these seats (by slug), e.g. to look at one role's pages again. */
const only = process.env.TOUR_ROLES?.split(',');
const ROLES = only ? ALL_ROLES.filter((r) => only.includes(r.slug)) : ALL_ROLES;

/**
 * Pages (menu path, with ` › 已审核` for that tab) whose tables may scroll sideways, and why: the manual's columns
 * for them need more than the content width even with every name ellipsized.
 */
const TEN_PLUS = '10+ columns of the manual with 审核人/审核时间/驳回原因 on 已审核';
const CLAIMS = "the manual's 13 columns (序号 … 申报状态, 操作) of a per-claim queue need ~1600 px";
const MAY_SCROLL: Record<string, string> = {
  '账户管理 › 注册审核管理 › 专技人员注册审核 › 已审核': `${TEN_PLUS}: 11 columns need 1225 px`,
  '账户管理 › 变更审核管理 › 审核人员信息修改 › 已审核': `${TEN_PLUS}, beside 证件号 and the 修改内容 list`,
  '账户管理 › 变更审核管理 › 机构信息修改审核 › 已审核': `${TEN_PLUS}, beside the 修改内容 list`,
  '账户管理 › 变更审核管理 › 更换上级部门审核 › 已审核': `${TEN_PLUS}, beside 原/新上级部门 and 审核进度`,
  '账户管理 › 人员调转 › 人员调入审核': '调入 request: person, 证件号, 调出/调入单位, 职称, dates, status (not yet narrowed: scrollX 1250)',
  '账户管理 › 人员调转 › 人员调入审核 › 已审核': '调入 request with the decision columns (not yet narrowed: scrollX 1550)',
  '账户管理 › 人员调转 › 人员调出': '调出 requests: person, 证件号, both units, dates, status (not yet narrowed: x 1300)',
  '账户管理 › 人员调转 › 调转记录': 'both units, both decisions and their times (not yet narrowed: x 1450)',
  '账户管理 › 培训计划管理 › 审核继教机构年度培训计划 › 已审核': `${TEN_PLUS}, beside the 280 px 文件 link`,
  '账户管理 › 培训计划管理 › 审核继教机构年度工作总结 › 已审核': `${TEN_PLUS}, beside the 280 px 文件 link`,
  '学时审核 › 继续教育机构学时审核': CLAIMS,
  '学时审核 › 继续教育机构学时审核 › 已审核': CLAIMS,
  '学时审核 › 个人申报学时审核': CLAIMS,
  '学时审核 › 个人申报学时审核 › 已审核': CLAIMS,
  学时审验: `${CLAIMS} (学时审验)`,
  '学时审核 › 本单位人员学时申报': '个人申报 with 证明材料 and 认定依据 columns (not yet narrowed: scrollX 1460)',
  '学时审核 › 本单位人员学时申报 › 已审核': '个人申报 with the decision columns (not yet narrowed: scrollX 1460)',
  '账户管理 › 培训计划管理 › 审核培训计划申报 › 已审核': `${TEN_PLUS}, beside 培训时间 and 计划/已登记`,
  '学时管理 › 本单位人员学时申报': '个人申报 with 证明材料 and 认定依据 columns (not yet narrowed: scrollX 1460)',
  '学时管理 › 本单位人员学时申报 › 已审核': '个人申报 with the decision columns (not yet narrowed: scrollX 1460)',
  '单位培训 › 本单位人员学时申报': '个人申报 with 证明材料 and 认定依据 columns (not yet narrowed: scrollX 1460)',
  '单位培训 › 本单位人员学时申报 › 已审核': '个人申报 with the decision columns (not yet narrowed: scrollX 1460)',
};

interface Measure {
  role: string;
  page: string;
  url: string;
  tables: { scrollWidth: number; clientWidth: number }[];
  /** What the browser threw while the page was open (a page that throws shows nothing). */
  errors: string[];
}
const scrolls = (m: Measure) => m.tables.some((t) => t.scrollWidth > t.clientWidth + 1);

/** The leaves of the menu the server sent, each with its title chain. */
function leaves(menus: MenuItem[], chain: string[] = []): { titles: string[]; path: string }[] {
  return menus.flatMap((m) =>
    m.children?.length ? leaves(m.children, [...chain, m.title]) : m.path ? [{ titles: [...chain, m.title], path: m.path }] : [],
  );
}

/**
 * Waits until the page named `title` shows (the breadcrumb ends with it: navigation runs in a transition, so the URL
 * changes before the page does), its lists have answered (no spinner for a while), and nothing moves.
 */
async function loaded(page: Page, title: string) {
  await page
    .waitForFunction((t) => document.querySelector('.ant-breadcrumb')?.textContent?.trim().endsWith(t), title, { timeout: 30_000 })
    .catch(() => undefined); // a page titled otherwise: the spinner and the screenshot still tell
  const spinning = () => page.locator('.ant-layout-content .ant-spin-spinning').count();
  for (let quiet = 0, tries = 0; quiet < 3 && tries < 100; tries++) {
    await page.waitForTimeout(150);
    quiet = (await spinning()) ? 0 : quiet + 1;
  }
  await page.mouse.move(0, 0);
  await settled(page);
}

const measureTables = (page: Page) =>
  page.$$eval('.ant-layout-content .ant-table-content, .ant-layout-content .ant-table-body', (els) =>
    els.map((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth })),
  );

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * On demand (TOUR=1 npx vitest run e2e/tour.test.ts), not in every run: the whole tour opens ~150 pages (10+ min on
 * 2 cores), and the allow-list below is not settled yet (see the issue notes). Page journeys check their own fit.
 */
const wanted = process.env.TOUR === '1';
describe.skipIf(!hasChromium || !hasWebBuild || !wanted)('tour: every list page of every role at 1440×900', () => {
  let p: Platform;
  const measures: Measure[] = [];
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  /** One role's tour: its menu as the server sends it, every leaf opened, photographed and measured. */
  async function tour(r: (typeof ROLES)[number]) {
    const page = await enter(p, r.role, r.loginType, r.password);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const menus = await page.evaluate(async () => {
      const res = await fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      return ((await res.json()) as { menus: MenuItem[] }).menus;
    });
    let n = 0;
    for (const leaf of leaves(menus)) {
      n++;
      const name = leaf.titles.join(' › ');
      errors.length = 0;
      if (!(await page.locator('.ant-layout-sider').count())) await page.goto(`${p.baseUrl}/dashboard`);
      await openMenu(page, leaf.titles, new RegExp(`${escape(leaf.path)}(\\?|$)`));
      await loaded(page, leaf.titles.at(-1)!);
      const nn = String(n).padStart(2, '0');
      const slug = leaf.path.replace(/^\//, '').replace(/[/?=&]+/g, '-');
      await shot(page, `tour-${r.slug}-${nn}-${slug}`);
      const url = new URL(page.url()).pathname;
      measures.push({ role: r.role, page: name, url, tables: await measureTables(page), errors: [...errors] });
      console.log(JSON.stringify(measures.at(-1)));
      if (errors.length) continue;
      const done = page.locator('.ant-layout-content .ant-tabs-tab').filter({ hasText: /^已审核$/ });
      if (await done.count()) {
        await done.first().click();
        await loaded(page, leaf.titles.at(-1)!);
        await shot(page, `tour-${r.slug}-${nn}-${slug}-done`);
        const tables = await measureTables(page);
        measures.push({ role: r.role, page: `${name} › 已审核`, url, tables, errors: [...errors] });
        console.log(JSON.stringify(measures.at(-1)));
      }
    }
    await page.context().close();
  }

  it('every menu page of every role photographed and measured (two roles at a time)', { timeout: 1_200_000 }, async () => {
    for (let i = 0; i < ROLES.length; i += 2) await Promise.all(ROLES.slice(i, i + 2).map(tour));
    expect(new Set(measures.map((m) => m.role))).toEqual(new Set(ROLES.map((r) => r.role)));
  });

  it('only the allow-listed pages scroll sideways, and none throws', () => {
    expect(measures.length).toBeGreaterThan(0);
    const rows = measures.map((m) => ({
      role: m.role,
      page: m.page,
      url: m.url,
      scrolls: scrolls(m) ? 'yes' : '',
      widths:
        (m.errors.length ? `ERROR ${m.errors.join('; ')} ` : '') +
        (m.tables.map((t) => `${t.scrollWidth}/${t.clientWidth}`).join(' ') || '(no table)'),
    }));
    console.log(
      ['| role | page | url | scrolls? | scrollWidth/clientWidth |', '|---|---|---|---|---|']
        .concat(rows.map((x) => `| ${x.role} | ${x.page} | ${x.url} | ${x.scrolls} | ${x.widths} |`))
        .join('\n'),
    );
    expect.soft(measures.filter((m) => m.errors.length).map((m) => `${m.role} ${m.page}: ${m.errors.join('; ')}`)).toEqual([]);
    const scrolling = [...new Set(measures.filter(scrolls).map((m) => m.page))].sort();
    // every allow-listed page visited (all of them on a full tour) scrolls, and no other
    const visited = new Set(measures.map((m) => m.page));
    expect(scrolling).toEqual(
      Object.keys(MAY_SCROLL)
        .filter((k) => visited.has(k))
        .sort(),
    );
  });
});
