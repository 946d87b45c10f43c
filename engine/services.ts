/**
 * The app's services, built once per process and handed to controllers and to
 * activity handlers (as `ctx.services`).
 */
import type { DataSource } from 'typeorm';
import type { ProcessDefinition } from '../workflows/definition/schema';
import type { RuleSet } from '../rules/ruleset-schema';
import type { ActivityRegistry } from './activities/registry';
import { createAdapters, type Adapters } from './adapters';
import type { Config } from './config';
import { DocumentStore } from './documents/document.store';
import type { Logger } from './logger';

export interface Services {
  config: Config;
  db: DataSource;
  log: Logger;
  activities: ActivityRegistry;
  processes: DocumentStore<ProcessDefinition>;
  rulesets: DocumentStore<RuleSet>;
  /** Health-code system, testing lab, notifier: local or production, by config. */
  adapters: Adapters;
}

export function createServices(config: Config, db: DataSource, log: Logger, activities: ActivityRegistry): Services {
  return {
    config,
    db,
    log,
    activities,
    processes: new DocumentStore<ProcessDefinition>(db, 'process'),
    rulesets: new DocumentStore<RuleSet>(db, 'ruleset'),
    adapters: createAdapters(config, db),
  };
}
