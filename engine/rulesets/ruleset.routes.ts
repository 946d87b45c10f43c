import { z } from 'zod';
import type { RuleSetDiff } from '../../rules/ruleset-diff';
import type { RuleSet } from '../../rules/ruleset-schema';
import { documentRoutes } from '../documents/document.routes';
import type { DocumentService } from '../documents/document.service';
import { keyParam } from '../http/params';
import { route } from '../http/route';
import type { RulesetService } from './ruleset.service';

/**
 * What to evaluate: the version in effect (unless named), a given one, or the draft. The version is
 * a JSON number here (the path parameter's coercion would read `true` or `[2]` as a version).
 */
const candidate = { version: z.number().int().positive().max(1_000_000).optional(), draft: z.boolean().optional() };
const oneCandidate = (b: { version?: number; draft?: boolean }) => !(b.draft && b.version !== undefined);
const oneCandidateError = { path: ['version'], message: 'give a version or draft: true, not both' };

/** The rule set routes: the body of a create or a draft save is the definition itself; then "Try it" and the impact preview. */
export function rulesetRoutes(documents: DocumentService<RuleSet, RuleSetDiff>, rulesets: RulesetService) {
  return [
    ...documentRoutes(documents, {
      base: '/api/rulesets',
      tag: 'rulesets',
      permissions: { read: 'ruleset.read', write: 'ruleset.write', publish: 'ruleset.publish' },
      create: { summary: 'Create a rule set (the body is its definition) as a draft', body: z.unknown(), read: (body) => ({ content: body }) },
      draft: { summary: 'Save the draft (the body is the definition; a rule set with problems is refused); answers its tests, passed and failed', body: z.unknown(), read: (body) => body },
    }),
    route({
      method: 'post', path: '/api/rulesets/:key/evaluate', tag: 'rulesets', permission: 'ruleset.read', summary: 'Evaluate facts; answers the events and the trace',
      params: keyParam, body: z.object({ facts: z.record(z.string(), z.unknown()), ...candidate }).strict().refine(oneCandidate, oneCandidateError),
      handle: ({ params, body }) => rulesets.evaluate(params.key, body.facts, body),
    }),
    route({
      method: 'post', path: '/api/rulesets/:key/simulate', tag: 'rulesets', permission: 'ruleset.write', summary: 'Impact preview: re-evaluate recorded decisions of a window under a candidate (outcome and param matrix), and what it changes for running cases by org unit',
      params: keyParam,
      body: z
        .object({
          ...candidate,
          window: z
            .object({ days: z.number().int().min(1).max(366).default(30), limit: z.number().int().min(1).max(500_000).default(5000) })
            .strict()
            .default({ days: 30, limit: 5000 }),
          /** Also what the candidate changes for running cases, by org unit (reads Temporal's visibility). */
          running: z.boolean().default(true),
        })
        .strict()
        .refine(oneCandidate, oneCandidateError),
      handle: ({ params, body, signal }) => rulesets.simulate(params.key, body, { ...body.window, running: body.running }, signal),
    }),
  ];
}
