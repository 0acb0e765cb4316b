/**
 * Submitting one antd Form to the server, written once for every dialog and page form: the request runs as a
 * mutation; a failure puts the server's per-field messages under their fields (applyFieldErrors) and its message in
 * `error` for the alert above the form, which the next edit or submit clears.
 */
import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../app/api';
import { applyFieldErrors } from './formErrors';

export interface FormSubmitOptions<V, R> {
  /** after a success: feedback, cache updates, closing the dialog */
  onSuccess?: (result: R, values: V) => void;
  /** after a failure, with the first form field it named (a long page scrolls to it) */
  onFailed?: (field: string | undefined) => void;
  /** after either outcome (e.g. refetch the list a failed edit may have found changed) */
  onSettled?: () => void;
  /** error codes that name no field, and the form field they belong to (DUPLICATE_ID_NUMBER → idNumber) */
  fieldOfCode?: Record<string, string>;
  /** body fields shown by another form field (startDate/endDate → the one range field 'dates') */
  fieldAlias?: Record<string, string>;
}

export function useFormSubmit<V, R>(form: FormInstance<V>, run: (values: V) => Promise<R>, options: FormSubmitOptions<V, R> = {}) {
  const [error, setError] = useState<string | null>(null);
  const clearError = useCallback(() => setError(null), []);
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (result: R, values: V) => options.onSuccess?.(result, values),
    onError: (e) => {
      const field = e instanceof ApiError ? applyFieldErrors(form, e, options.fieldOfCode, options.fieldAlias) : undefined;
      setError(errorMessage(e));
      options.onFailed?.(field);
    },
    onSettled: () => options.onSettled?.(),
  });
  return {
    /** the Form's onFinish */
    submit: (values: V) => {
      setError(null);
      mutation.mutate(values);
    },
    /** the same, for a caller that waits (a confirmation dialog's 确定 spinning until the answer); never rejects */
    submitAsync: async (values: V) => {
      setError(null);
      await mutation.mutateAsync(values).catch(() => undefined);
    },
    pending: mutation.isPending,
    /** the failure's message, for the alert above the form */
    error,
    /** the Form's onValuesChange, and when the dialog closes (a stable function) */
    clearError,
  };
}
