/**
 * The words of an activity's input field in both UI languages, attached to its zod schema as
 * JSON Schema annotations (`x-label`, `x-description`, `x-choices`) that GET /api/activities
 * serves and the editor's activity form shows in the user's language. The plain `description`
 * stays English, for API readers.
 */
type Bilingual = { zh: string; en: string };

export function fieldText(label: Bilingual, description?: Bilingual, choices?: Record<string, Bilingual>): Record<string, unknown> {
  return {
    'x-label': label,
    ...(description ? { description: description.en, 'x-description': description } : {}),
    ...(choices ? { 'x-choices': choices } : {}),
  };
}
