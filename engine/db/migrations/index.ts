import { Initial1764300000000 } from './0001-initial';
import { Domain1764400000000 } from './0002-domain';

/** Every migration, in order. TypeORM runs the ones not yet recorded at start. */
export const migrations = [Initial1764300000000, Domain1764400000000];
