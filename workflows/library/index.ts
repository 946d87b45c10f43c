/**
 * The process library of shared/DOMAIN.md: six definitions, seeded and published
 * on first start. Each file is parsed (and so checked against the schema) on import;
 * the library test validates their graphs against the registered activities.
 */
import { processDefinition, type ProcessDefinition } from '../definition/schema';
import arrivalScreening from './arrival-screening.json';
import coldChainClosedLoop from './cold-chain-closed-loop.json';
import keyGroupTesting from './key-group-testing.json';
import pharmacySentinel from './pharmacy-sentinel.json';
import schoolSicknessAbsence from './school-sickness-absence.json';
import verification138 from './verification-138.json';

export const processLibrary: readonly ProcessDefinition[] = [
  arrivalScreening,
  verification138,
  coldChainClosedLoop,
  pharmacySentinel,
  keyGroupTesting,
  schoolSicknessAbsence,
].map((def) => processDefinition.parse(def));
