import { z } from 'zod';

/** An org unit's id: lower-case letters, digits and -, so it is safe in a dotted path, a LIKE prefix and a visibility query. */
export const orgUnitId = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or -, starting with a letter');
