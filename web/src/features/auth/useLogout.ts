import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { feedback } from '../../app/feedback';
import { queryClient } from '../../app/queryClient';
import { ME_KEY } from '../../app/session';
import { authApi } from './api';

/** 退出登录: ends the server-side session, forgets every cached answer, back to the home page. */
export function useLogout() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: authApi.logout,
    onSettled: (_d, err) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
      if (!err) feedback.success('您已安全退出');
      navigate('/login', { replace: true });
    },
  });
}
