/**
 * Services started together on a fresh database race to write the cluster's metadata, and the
 * loser exits with Temporal's "SaveClusterMetadata encountered version mismatch" (seen in a
 * CI-like run of the per-service cluster). The metadata is written by then, so the loser is started
 * again; any other failure is reported at once.
 */
const METADATA_RACE = /cluster metadata.*version mismatch/is;

/** Starts a service, again after it lost the metadata race, up to `attempts` times. */
export async function startPastMetadataRace(service: { start(): Promise<void> }, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await service.start();
      return;
    } catch (err) {
      if (attempt >= attempts || !METADATA_RACE.test((err as Error).message)) throw err;
    }
  }
}
