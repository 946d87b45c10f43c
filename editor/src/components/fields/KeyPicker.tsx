/** A text input for a process or rule set key, suggesting the keys that exist. */
export function KeyPicker({ value, keys, listId, onChange, testId }: { value: string | undefined; keys: readonly string[]; listId: string; onChange: (key: string) => void; testId: string }) {
  return (
    <>
      <input list={listId} value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
      <datalist id={listId}>
        {keys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </>
  );
}

/** A version number to pin; empty means "the latest published". */
export function VersionInput({ value, onChange }: { value: number | undefined; onChange: (version: number | undefined) => void }) {
  return (
    <input type="number" min={1} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} data-testid="field-version" />
  );
}
