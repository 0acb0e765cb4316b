import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { message, messagePage, MessageKind, unreadCount, Wire } from '@hbzsgx/domain';
import { api } from '../../app/api';

export type Message = Wire<typeof message>;
export interface MessageFilter {
  read: 'all' | 'unread' | 'read';
  kind?: MessageKind;
}

export const MESSAGES_KEY = ['messages'] as const;

export const messagesApi = {
  list: (q: MessageFilter & { page: number; pageSize: number }) => api.get<Wire<typeof messagePage>>('/api/messages', { ...q }),
  unread: () => api.get<Wire<typeof unreadCount>>('/api/messages/unread-count'),
  read: (id: number) => api.post<{ ok: true }>(`/api/messages/${id}/read`, {}),
  readAll: () => api.post<{ done: number }>('/api/messages/read-all', {}),
};

/** The bell's count: polled every minute, and again whenever a message is marked. */
export function useUnreadCount() {
  return useQuery({ queryKey: [...MESSAGES_KEY, 'unread'], queryFn: messagesApi.unread, refetchInterval: 60_000 });
}

export function useMessages(q: MessageFilter & { page: number; pageSize: number }) {
  return useQuery({ queryKey: [...MESSAGES_KEY, 'list', q], queryFn: () => messagesApi.list(q) });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: messagesApi.read, onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES_KEY }) });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: messagesApi.readAll, onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES_KEY }) });
}
