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

/** The refusal alone, without its problems (for a bar that shows them elsewhere, as the editor's problems panel). */
export function apiErrorHead(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  // The client's own code for an answer without the server's envelope (a proxy's 502, say).
  const http = /^http_(\d{3})$/.exec(err.code);
  if (http) return t('apiError.http', { status: http[1] });
  return t(`apiError.${err.code}`, { defaultValue: err.message });
}

export function apiErrorText(err: unknown, t: TFunction): string {
  const head = apiErrorHead(err, t);
  if (!(err instanceof ApiError) || err.problems.length === 0) return head;
  const problems = err.problems.map((p) => {
    const field = fieldOf(p.path);
    return field ? `${field}: ${problemText(p, t)}` : problemText(p, t);
  });
  return `${head} (${problems.join('; ')})`;
}
