/**
 * The HTTP face of a kind of document, declared once for every kind: list, create, read (the
 * draft's revision as ETag), save the draft and publish (both honour If-Match), versions, one
 * version, and the diff. Kinds differ only in how a create and a draft save carry the content.
 */
import { z } from 'zod';
import type { Permission } from '../auth/permissions';
import { ifMatchRevision, withRevision } from '../http/if-match';
import { comment, keyParam, keyVersionParams, versionNumber } from '../http/params';
import { route, type Route } from '../http/route';
import type { DocumentService, PublishRequest } from './document.service';

/** Where a request body carries the content (and, for a create, the key it names). */
interface Carrier<B extends z.ZodType, R> {
  body: B;
  read(body: z.infer<B>): R;
  summary: string;
}

export interface DocumentHttp<C extends z.ZodType, S extends z.ZodType> {
  /** `/api/processes` */
  base: string;
  /** The OpenAPI tag, also the plural in summaries: `processes`. */
  tag: string;
  /** What reading, writing (create, draft save) and publishing this kind need. */
  permissions: { read: Permission; write: Permission; publish: Permission };
  create: Carrier<C, { content: unknown; key?: string }>;
  draft: Carrier<S, unknown>;
}

/**
 * What a publish may carry besides the comment, as far as the kind has it: an acknowledgement of
 * failing tests (a kind with tests), a scheduled activation in the future (a schedulable kind).
 */
function publishBody(kind: DocumentService<unknown, unknown>['kind']): z.ZodType<PublishRequest> {
  const acknowledgement = z.string().trim().min(10).max(2000).optional();
  const effectiveAt = z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .refine((d) => d.getTime() > Date.now(), 'must be in the future')
    .optional();
  // Fields a kind lacks are not in its schema at all (so not in its OpenAPI), hence the assertion.
  return z.object({ comment, ...(kind.test ? { acknowledgement } : {}), ...(kind.schedulable ? { effectiveAt } : {}) }).strict() as z.ZodType<PublishRequest>;
}

/** The routes of one kind of document, each calling its document service. */
export function documentRoutes<T, D, C extends z.ZodType, S extends z.ZodType>(documents: DocumentService<T, D>, http: DocumentHttp<C, S>): Route[] {
  const { base, tag, permissions: can } = http;
  const { label } = documents.kind;
  return [
    route({ method: 'get', path: base, tag, permission: can.read, summary: `List ${tag} with their latest version and draft state`, handle: () => documents.list() }),
    route({
      method: 'post', path: base, tag, permission: can.write, status: 201, summary: http.create.summary, body: http.create.body,
      handle: async ({ body, actor }) => {
        const { content, key } = http.create.read(body);
        const created = await documents.create(content, actor, key);
        return withRevision(created, created.draftRevision);
      },
    }),
    route({
      method: 'get', path: `${base}/:key`, tag, permission: can.read, summary: `A ${label}: its draft, its latest version and the list of versions`, params: keyParam,
      handle: async ({ params }) => {
        const doc = await documents.get(params.key);
        return withRevision(doc, doc.draftRevision);
      },
    }),
    route({
      method: 'put', path: `${base}/:key/draft`, tag, permission: can.write, summary: http.draft.summary, params: keyParam, body: http.draft.body,
      handle: async ({ params, body, actor, header }) => {
        const saved = await documents.saveDraft(params.key, http.draft.read(body), actor, ifMatchRevision(header('if-match')));
        return withRevision(saved, saved.draftRevision);
      },
    }),
    route({
      method: 'post', path: `${base}/:key/publish`, tag, permission: can.publish, status: 201, summary: 'Publish the draft as the next immutable version (checked again)',
      params: keyParam, body: publishBody(documents.kind),
      handle: async ({ params, body, actor, header }) => {
        const published = await documents.publish(params.key, body, actor, ifMatchRevision(header('if-match')));
        return withRevision(published, published.draftRevision);
      },
    }),
    route({
      method: 'get', path: `${base}/:key/versions`, tag, permission: can.read, summary: 'Published versions, newest first',
      params: keyParam, handle: ({ params }) => documents.versions(params.key),
    }),
    route({
      method: 'get', path: `${base}/:key/versions/:version`, tag, permission: can.read, summary: 'One published version with its definition',
      params: keyVersionParams, handle: ({ params }) => documents.version(params.key, params.version),
    }),
    route({
      method: 'get', path: `${base}/:key/diff`, tag, permission: can.read, summary: 'Structured diff between two versions (to may be "draft")',
      params: keyParam, query: z.object({ from: versionNumber, to: z.union([z.literal('draft'), versionNumber]) }).strict(),
      handle: ({ params, query }) => documents.diff(params.key, query.from, query.to),
    }),
  ];
}
