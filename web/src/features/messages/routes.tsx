/** 我的消息 (mounted by app/routes.tsx; reached from the header's bell). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

const MessagesPage = lazy(async () => ({ default: (await import('./MessagesPage')).MessagesPage }));

export const MESSAGES_PATH = '/me/messages';
export const MESSAGE_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: MESSAGES_PATH, rule: { authenticated: true }, Component: MessagesPage },
];
