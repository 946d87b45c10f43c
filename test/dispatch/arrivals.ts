/** An arrival's case input for the daily dispatch's tests: a green code, an origin of this risk level, a district of destination. */
import { idNumber } from '../library/library-support';

export const arrival = (risk: 'high' | 'medium' | 'low' | 'none', district: string) => ({
  person: { idNumber: idNumber() },
  age: 35,
  entryPoint: 'railway-station',
  origin: { city: 'somewhere', risk },
  documents: { healthCode: 'green', itinerary: [{ place: 'somewhere', risk }] },
  district,
});
