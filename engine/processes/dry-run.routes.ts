import { z } from 'zod';
import { instant, keyParam } from '../http/params';
import { route } from '../http/route';
import { DEFAULT_TIME_SCALE, type DryRunService } from './dry-run.service';

/** A node id as the definition schema allows it, so a stub's key is refused naming itself. */
const nodeId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'is not a node id');

export const dryRunBody = z
  .object({
    definition: z.unknown().optional(),
    version: z.number().int().positive().max(1_000_000).optional(),
    input: z.record(z.string(), z.unknown()).default({}),
    stubs: z.record(nodeId, z.unknown()).default({}),
    /** Virtual milliseconds per real one: at least 1 (real time), at most a year per millisecond. */
    timeScale: z.number().min(1).max(31_536_000_000).default(DEFAULT_TIME_SCALE),
    startAt: instant.optional(),
  })
  .strict()
  .refine((b) => !(b.definition !== undefined && b.version !== undefined), { path: ['version'], message: 'give a definition or a version, not both' });

export function dryRunRoutes(dryRuns: DryRunService) {
  return [
    route({
      method: 'post',
      path: '/api/processes/:key/dry-run',
      tag: 'processes',
      permission: 'process.write',
      summary: 'Dry-run the draft (or a given definition or version) in the sandbox with stubbed steps and fake time; answers the path, the steps with decision traces, and the end',
      params: keyParam,
      body: dryRunBody,
      handle: ({ params, body }) => dryRuns.run(params.key, body),
    }),
  ];
}
