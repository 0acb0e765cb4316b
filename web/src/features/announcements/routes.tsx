/** Pages of 通知公告 (mounted by app/routes.tsx); the public /notices pages too. */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const ManageAnnouncementsPage = page(() => import('./ManageAnnouncementsPage'), 'ManageAnnouncementsPage');
const AnnouncementsPage = page(() => import('./ReaderPages'), 'AnnouncementsPage');
const AnnouncementPage = page(() => import('./ReaderPages'), 'AnnouncementPage');

/** The public list and detail: outside the logged-in shell, reachable without login (app/routes.tsx mounts them). */
export const NoticesPage = page(() => import('./PublicNotices'), 'NoticesPage');
export const NoticePage = page(() => import('./PublicNotices'), 'NoticePage');

export const ANNOUNCEMENT_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/announcements/manage', rule: { permission: 'announcement.manage', orgTypes: ['hr'] }, Component: ManageAnnouncementsPage },
  { path: '/announcements', rule: { authenticated: true }, Component: AnnouncementsPage },
  { path: '/announcements/:id', rule: { authenticated: true }, Component: AnnouncementPage },
];
