/**
 * Moving through a process by keyboard, along its edges rather than across the screen: the next
 * step (the first edge out), the previous one (the first edge in), and the other branches that
 * leave the same step (siblings), in the order the edges were drawn.
 */
export type Direction = 'next' | 'previous' | 'nextSibling' | 'previousSibling';

interface Link {
  source: string;
  target: string;
}

export function neighbour(edges: readonly Link[], from: string, direction: Direction): string | undefined {
  if (direction === 'next') return edges.find((e) => e.source === from)?.target;
  if (direction === 'previous') return edges.find((e) => e.target === from)?.source;
  const parent = edges.find((e) => e.target === from)?.source;
  if (parent === undefined) return undefined;
  const branches = [...new Set(edges.filter((e) => e.source === parent).map((e) => e.target))];
  if (branches.length < 2) return undefined;
  const at = branches.indexOf(from);
  const step = direction === 'nextSibling' ? 1 : -1;
  return branches[(at + step + branches.length) % branches.length];
}

/** The direction an Alt+arrow key asks for; plain arrows stay React Flow's (they move a selected node). */
export function directionOfKey(key: string, altKey: boolean): Direction | undefined {
  if (!altKey) return undefined;
  return ({ ArrowRight: 'next', ArrowLeft: 'previous', ArrowDown: 'nextSibling', ArrowUp: 'previousSibling' } as const)[key as 'ArrowRight'];
}
