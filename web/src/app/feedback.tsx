/**
 * antd's message/modal bound to the App context (theme, locale), reachable from non-component code.
 * <FeedbackBridge/> must be rendered inside antd <App>.
 */
import { App } from 'antd';
import { useEffect } from 'react';
import { errorMessage } from './api';

type MessageApi = ReturnType<typeof App.useApp>['message'];
let messageApi: MessageApi | null = null;

export function FeedbackBridge() {
  const { message } = App.useApp();
  useEffect(() => {
    messageApi = message;
    return () => {
      messageApi = null;
    };
  }, [message]);
  return null;
}

export const feedback = {
  success(text: string) {
    void messageApi?.success(text);
  },
  error(e: unknown, key?: string) {
    void messageApi?.open({ type: 'error', content: errorMessage(e), key });
  },
  warning(text: string, key?: string) {
    void messageApi?.open({ type: 'warning', content: text, key, duration: 4 });
  },
};
