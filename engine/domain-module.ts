/**
 * What a domain brings to the platform. The platform knows this shape, never the content: the
 * composition root (app/) hands it one module, and the platform registers its activities beside
 * the built-in ones, maps its tables and runs its migrations beside its own, composes its adapters
 * with the notifier, and on first start publishes its built-in documents and runs its seed.
 */
import type { Client } from '@temporalio/client';
import type { DataSource, EntitySchema, MigrationInterface } from 'typeorm';
import type { ChangedCase, ResourceEffect } from '../rules/simulate';
import type { z } from 'zod';
import type { ActivityDeclaration } from './activities/define';
import type { Config } from './config';
import type { Route } from './http/route';
import type { Logger } from './logger';
import type { Services } from './services';

/** Built-in documents, published on first start through the document service; tests give their own. */
export interface BuiltIns {
  processes: readonly unknown[];
  rulesets: readonly unknown[];
}

/** A domain whose activities reach adapters of its own, `A`, beside the platform's. */
export interface DomainModule<A extends object = object> {
  activities: readonly ActivityDeclaration<z.ZodType, z.ZodType, A>[];
  /** The tables its activities write (the platform maps its own). */
  entities: readonly EntitySchema[];
  /** Run with the platform's, all in the order of the timestamps in their class names. */
  migrations: readonly (new () => MigrationInterface)[];
  /** Built once per process, beside the platform's (the notifier). */
  adapters(config: Config, db: DataSource): A;
  builtIns: BuiltIns;
  /** First start, after the built-ins: rows the domain needs to run end to end (with SEED). Must leave existing rows alone. */
  seed(db: DataSource, log: Logger): Promise<void>;
  /** What the rule sets' impact preview adds for running cases a candidate changes: the domain's resources they free or need. */
  impactEffects?: ImpactEffects;
  /** In API processes: the domain's routes, mounted after the platform's, and what it keeps in Temporal (a schedule), set up at every start. */
  api?(services: Services, client: Client): DomainApi;
}

/** Reads the resources (e.g. quarantine places per site) that changed cases hold or would need. */
export type ImpactEffects = (db: DataSource, changed: readonly ChangedCase[]) => Promise<ResourceEffect[]>;

export interface DomainApi {
  routes: readonly Route[];
  start?(): Promise<void>;
}

/** The part of a domain the database needs: its tables and migrations. */
export type DomainSchema = Pick<DomainModule, 'entities' | 'migrations'>;
