import { useEffect, useState } from 'react';

/** `value`, settled for `ms` milliseconds (for server-side search as the user types). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
