import { Counter } from 'prom-client';
import { registry } from './registry';

const attempts = new Counter({
  name: 'epi_outbox_deliveries_total',
  help: 'Notice delivery attempts from the outbox, by result (delivered, retry: failed and due again, failed: given up)',
  labelNames: ['result'] as const,
  registers: [registry],
});

/** Counts one delivery attempt of a notice. */
export function countDelivery(result: 'delivered' | 'retry' | 'failed'): void {
  attempts.inc({ result });
}
