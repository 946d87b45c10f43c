/**
 * The outside world the platform itself reaches, behind interfaces: each has a local
 * implementation that works offline and records to the database; a production one plugs in by
 * config. A domain adds adapters of its own (its module's `adapters`), composed beside these.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { LocalNotifier } from './local-notifier';
import type { Notifier } from './notifier';
import { WebhookNotifier } from './webhook-notifier';

export interface PlatformAdapters {
  notifier: Notifier;
}

export function createAdapters(config: Config, db: DataSource): PlatformAdapters {
  const { kind, webhookUrl } = config.notifier;
  return {
    // loadConfig refuses NOTIFIER=webhook without a URL.
    notifier: kind === 'webhook' && webhookUrl ? new WebhookNotifier(webhookUrl) : new LocalNotifier(db),
  };
}
