/**
 * The outside systems the epidemic domain's activities reach, beside the platform's notifier:
 * each behind an interface with a local implementation that works offline.
 */
import { PresentedDocumentsHealthCodes, type HealthCodeSystem } from './screening/health-code-system';
import { LocalTestingLab, type TestingLab } from './testing/testing-lab';

export interface EpidemicAdapters {
  healthCodes: HealthCodeSystem;
  lab: TestingLab;
}

/** The local implementations: no production health-code system or lab is configured yet. */
export function epidemicAdapters(): EpidemicAdapters {
  return { healthCodes: new PresentedDocumentsHealthCodes(), lab: new LocalTestingLab() };
}
