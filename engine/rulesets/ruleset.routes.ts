import { z } from 'zod';
import { comment, keyParam, keyVersionParams } from '../http/params';
import { route } from '../http/route';
import { versionView } from '../documents/document.store';
import type { RulesetService } from './ruleset.service';

/**
 * What to evaluate: the latest published version, a given one, or the draft. The version is
 * a JSON number here (the path parameter's coercion would read `true` or `[2]` as a version).
 */
const candidate = { version: z.number().int().positive().max(1_000_000).optional(), draft: z.boolean().optional() };
const oneCandidate = (b: { version?: number; draft?: boolean }) => !(b.draft && b.version !== undefined);
const oneCandidateError = { path: ['version'], message: 'give a version or draft: true, not both' };

export function rulesetRoutes(rulesets: RulesetService) {
  return [
    route({ method: 'get', path: '/api/rulesets', tag: 'rulesets', summary: 'List rule sets', handle: () => rulesets.list() }),
    route({
      method: 'post', path: '/api/rulesets', tag: 'rulesets', status: 201, summary: 'Create a rule set (the body is its definition) as a draft',
      body: z.unknown(), handle: ({ body, actor }) => rulesets.create(body, actor),
    }),
    route({
      method: 'get', path: '/api/rulesets/:key', tag: 'rulesets', summary: 'A rule set: published version, draft and versions',
      params: keyParam, handle: ({ params }) => rulesets.get(params.key),
    }),
    route({
      method: 'put', path: '/api/rulesets/:key/draft', tag: 'rulesets', summary: 'Save the draft (the body is the definition)',
      params: keyParam, body: z.unknown(), handle: ({ params, body, actor }) => rulesets.saveDraft(params.key, body, actor),
    }),
    route({
      method: 'post', path: '/api/rulesets/:key/publish', tag: 'rulesets', status: 201, summary: 'Publish the draft; running cases use it at their next decision',
      params: keyParam, body: z.object({ comment }).strict(),
      handle: ({ params, body, actor }) => rulesets.publish(params.key, body.comment, actor),
    }),
    route({
      method: 'get', path: '/api/rulesets/:key/versions/:version', tag: 'rulesets', summary: 'One published version',
      params: keyVersionParams,
      handle: async ({ params }) => versionView(await rulesets.version(params.key, params.version)),
    }),
    route({
      method: 'post', path: '/api/rulesets/:key/evaluate', tag: 'rulesets', summary: 'Evaluate facts; answers the events and the trace',
      params: keyParam, body: z.object({ facts: z.record(z.string(), z.unknown()), ...candidate }).strict().refine(oneCandidate, oneCandidateError),
      handle: ({ params, body }) => rulesets.evaluate(params.key, body.facts, body),
    }),
    route({
      method: 'post', path: '/api/rulesets/:key/simulate', tag: 'rulesets', summary: 'Impact preview: re-evaluate recent recorded decisions under a candidate',
      params: keyParam,
      body: z
        .object({
          ...candidate,
          window: z.object({ days: z.number().int().min(1).max(366).default(30), limit: z.number().int().min(1).max(20_000).default(5000) }).strict().default({ days: 30, limit: 5000 }),
        })
        .strict()
        .refine(oneCandidate, oneCandidateError),
      handle: ({ params, body }) => rulesets.simulate(params.key, body, body.window),
    }),
  ];
}
