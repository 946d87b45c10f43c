/**
 * A refusal of the server in the UI language: worded from its stable code (`apiError.<code>`) and
 * each problem's code (`schemaProblem.<code>`, with the field it names), the server's own English
 * message kept only for a code this client does not know.
 */
import type { TFunction } from 'i18next';
import type { Problem } from '../../../language';
import { ApiError } from '../api/client';

/** `input/person/idNumber` → `person.idNumber`: the field as a path of keys, without the body's part. */
const fieldOf = (path: string) => path.replace(/^(body\/)?(input|data|payload)\/?/, '').replace(/\//g, '.');

/** One problem's words, without its field (for a form that shows it beside the field). */
export const problemText = (p: Problem, t: TFunction): string => t(`schemaProblem.${p.code}`, { defaultValue: p.message, ...p.params });

export function apiErrorText(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const head = t(`apiError.${err.code}`, { defaultValue: err.message });
  if (err.problems.length === 0) return head;
  const problems = err.problems.map((p) => {
    const field = fieldOf(p.path);
    return field ? `${field}: ${problemText(p, t)}` : problemText(p, t);
  });
  return `${head} (${problems.join('; ')})`;
}
