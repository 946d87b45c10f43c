/**
 * Runs the definition validator off the main thread: on a few hundred nodes it takes tens of
 * milliseconds, which would drop frames if it ran between two frames of a drag or a keystroke.
 */
import { validateDefinition } from '../../../workflows/definition/validate';
import type { ValidationReply, ValidationRequest } from './messages';

self.onmessage = (e: MessageEvent<ValidationRequest>) => {
  const { seq, definition, activities, activityInputs } = e.data;
  let reply: ValidationReply;
  try {
    reply = { seq, problems: validateDefinition(definition, activities ? { activities, activityInputs } : undefined) };
  } catch (err) {
    // A validator crash must not take the editor down; it is reported as a problem instead.
    reply = { seq, problems: [{ path: '', code: 'validator_error', message: err instanceof Error ? err.message : String(err) }] };
  }
  self.postMessage(reply);
};
