/**
 * The outside world, behind interfaces: each has a local implementation that
 * works offline and records to the database; a production one plugs in by config.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { PresentedDocumentsHealthCodes, type HealthCodeSystem } from './health-code-system';
import { LocalNotifier } from './local-notifier';
import type { Notifier } from './notifier';
import { LocalTestingLab, type TestingLab } from './testing-lab';
import { WebhookNotifier } from './webhook-notifier';

export interface Adapters {
  healthCodes: HealthCodeSystem;
  lab: TestingLab;
  notifier: Notifier;
}

export function createAdapters(config: Config, db: DataSource): Adapters {
  const { kind, webhookUrl } = config.notifier;
  return {
    healthCodes: new PresentedDocumentsHealthCodes(),
    lab: new LocalTestingLab(),
    // loadConfig refuses NOTIFIER=webhook without a URL.
    notifier: kind === 'webhook' && webhookUrl ? new WebhookNotifier(webhookUrl) : new LocalNotifier(db),
  };
}
