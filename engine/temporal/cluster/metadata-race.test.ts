import { startPastMetadataRace } from './metadata-race';

const LOST = new Error(
  'temporal-worker did not start (exit code 1: Unable to create server. Error: … error while updating cluster metadata: SaveClusterMetadata encountered version mismatch, expected 1 but got 2..)',
);

function service(failures: Error[]) {
  let starts = 0;
  return {
    get starts() {
      return starts;
    },
    async start() {
      starts++;
      const failure = failures.shift();
      if (failure) throw failure;
    },
  };
}

test('a service that lost the race to write the cluster metadata is started again', async () => {
  const s = service([LOST]);
  await startPastMetadataRace(s);
  expect(s.starts).toBe(2);
});

test('any other failure to start is reported at once, and a race lost every time in the end', async () => {
  const other = service([new Error('temporal-history did not start (exit code 1: bad config)')]);
  await expect(startPastMetadataRace(other)).rejects.toThrow('bad config');
  expect(other.starts).toBe(1);
  const unlucky = service([LOST, LOST, LOST]);
  await expect(startPastMetadataRace(unlucky)).rejects.toThrow('version mismatch');
  expect(unlucky.starts).toBe(3);
});
