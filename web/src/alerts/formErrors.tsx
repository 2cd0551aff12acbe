import { useState } from 'react';
import { ApiError } from '../api/client';
import { fieldErrors } from '../components/health';

/**
 * A form's problem+json errors: each field's message next to its input (`{prefix}-{field}`), anything else
 * (another field, no `errors[]`, a network failure) at the top of the form.
 */
export function useFormErrors(prefix: string, fields: readonly string[]) {
  const [errors, setErrors] = useState<Record<string, string>>({});

  function fail(err: unknown) {
    const fe = err instanceof ApiError ? fieldErrors(err.problem, fields) : {};
    setErrors(Object.keys(fe).length > 0 ? fe : { '': err instanceof Error ? err.message : String(err) });
    const first = fields.find((f) => fe[f]);
    if (first) document.getElementById(`${prefix}-${first}`)?.focus();
  }

  /** The input's ARIA state; `help` is the id of its help text, which stays described alongside the error. */
  const invalid = (f: string, help?: string) =>
    errors[f] ? { 'aria-invalid': true as const, 'aria-describedby': [help, `${prefix}-${f}-error`].filter(Boolean).join(' ') } : {};
  const fieldError = (f: string) => errors[f] && <span id={`${prefix}-${f}-error`} className="field-error">{errors[f]}</span>;
  const formError = errors[''] && <p className="form-error" role="alert">{errors['']}</p>;

  return { fail, clear: () => setErrors({}), invalid, fieldError, formError };
}
