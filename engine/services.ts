/**
 * The platform's services, built once per process and handed to the routes, the worker and the
 * interpreter's own activities. Activity handlers get a narrow part of them (the database, the
 * adapters, the configuration: ActivityServices in activities/define.ts), never these.
 */
import type { DataSource } from 'typeorm';
import type { DefinitionDiff } from '../workflows/definition/diff';
import type { ProcessDefinition } from '../workflows/definition/schema';
import type { RuleSetDiff } from '../rules/ruleset-diff';
import type { RuleSet } from '../rules/ruleset-schema';
import type { ActivityRegistry } from './activities/registry';
import { createAuth } from './auth';
import type { AuthServices } from './auth/auth-services';
import { createAdapters, type PlatformAdapters } from './adapters';
import type { Config } from './config';
import { DocumentService } from './documents/document.service';
import { DocumentStore } from './documents/document.store';
import type { Logger } from './logger';
import { processKind } from './processes/process.kind';
import { ruleSetKind } from './rulesets/ruleset.kind';
import { formKind, type FormDiff } from './forms/form.kind';
import type { FormDefinition } from '../language/forms';

export interface Services {
  config: Config;
  db: DataSource;
  log: Logger;
  activities: ActivityRegistry;
  /** The stores, for reading published versions; every write goes through `documents`. */
  processes: DocumentStore<ProcessDefinition>;
  rulesets: DocumentStore<RuleSet>;
  forms: DocumentStore<FormDefinition>;
  /** Processes, rule sets and task forms through their one lifecycle: each write passes the storage check and the kind's check. */
  documents: {
    processes: DocumentService<ProcessDefinition, DefinitionDiff>;
    rulesets: DocumentService<RuleSet, RuleSetDiff>;
    forms: DocumentService<FormDefinition, FormDiff>;
  };
  /** Accounts, sessions, API tokens and sign-in (API processes use them; a worker has no caller to check). */
  auth: AuthServices;
  /** The notifier, and the domain's adapters beside it (which activity handlers reach): local or production, by config. */
  adapters: PlatformAdapters;
}

/** `domain` is the domain module (domain-module.ts), of which only its adapters are needed here. */
export function createServices<A extends object>(config: Config, db: DataSource, log: Logger, activities: ActivityRegistry, domain: { adapters(config: Config, db: DataSource): A }): Services {
  const processes = new DocumentStore<ProcessDefinition>(db, 'process');
  const rulesets = new DocumentStore<RuleSet>(db, 'ruleset');
  const forms = new DocumentStore<FormDefinition>(db, 'form');
  return {
    config,
    db,
    log,
    activities,
    processes,
    rulesets,
    forms,
    documents: {
      processes: new DocumentService(processes, processKind(activities, config.caseLimits, forms)),
      rulesets: new DocumentService(rulesets, ruleSetKind),
      forms: new DocumentService(forms, formKind),
    },
    adapters: { ...createAdapters(config, db), ...domain.adapters(config, db) },
    auth: createAuth(config.auth, db, log),
  };
}
