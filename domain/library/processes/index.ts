/**
 * The process library of docs/domain.md, seeded and published
 * on first start. Each file is parsed (and so checked against the schema) on import;
 * the library test validates their graphs against the registered activities.
 */
import { processDefinition, type ProcessDefinition } from '../../../workflows/definition/schema';
import arrivalScreening from './arrival-screening.json';
import coldChainClosedLoop from './cold-chain-closed-loop.json';
import dailyDispatch from './daily-dispatch.json';
import feverClinicSentinel from './fever-clinic-sentinel.json';
import keyGroupTesting from './key-group-testing.json';
import pharmacyRegistrationInspection from './pharmacy-registration-inspection.json';
import pharmacySentinelFollowUp from './pharmacy-sentinel-follow-up.json';
import pharmacySentinel from './pharmacy-sentinel.json';
import schoolDailyHealthCheck from './school-daily-health-check.json';
import schoolSicknessAbsence from './school-sickness-absence.json';
import venueInspection from './venue-inspection.json';
import verification138 from './verification-138.json';

export const processLibrary: readonly ProcessDefinition[] = [
  arrivalScreening,
  verification138,
  coldChainClosedLoop,
  pharmacySentinel,
  pharmacySentinelFollowUp,
  pharmacyRegistrationInspection,
  feverClinicSentinel,
  schoolDailyHealthCheck,
  venueInspection,
  keyGroupTesting,
  schoolSicknessAbsence,
  dailyDispatch,
].map((def) => processDefinition.parse(def));
