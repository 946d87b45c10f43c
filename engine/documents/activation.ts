/**
 * Which published version is in effect at a moment. A version takes effect at its scheduled time
 * (`effectiveAt`), else when it was published. The version in effect is the highest whose
 * activation has come: a later version taking effect first supersedes a scheduled one, so the
 * version in effect never goes back to a lower number.
 */

interface Activation {
  version: number;
  effectiveAt: Date | null;
  createdAt: Date;
}

export type VersionState = 'in_effect' | 'scheduled' | 'superseded';

export function versionInEffect(versions: readonly Activation[], at: Date): number | null {
  let found: number | null = null;
  for (const v of versions) {
    if ((v.effectiveAt ?? v.createdAt).getTime() <= at.getTime() && (found === null || v.version > found)) found = v.version;
  }
  return found;
}

/** Each version's state at `at`: the one in effect, scheduled (will take effect), or superseded (never again, or never). */
export function versionStates<V extends Activation>(versions: readonly V[], at: Date): (V & { state: VersionState })[] {
  const current = versionInEffect(versions, at);
  return versions.map((v) => ({
    ...v,
    state: v.version === current ? 'in_effect' : current === null || v.version > current ? 'scheduled' : 'superseded',
  }));
}
