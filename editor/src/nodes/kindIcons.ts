/** One glyph per node kind, shared by the nodes and the palette. */
import type { NodeType } from '../../../workflows/definition/schema';

export const kindIcons: Record<NodeType, string> = {
  start: '▶',
  end: '■',
  activity: '⚙',
  decision: '◆',
  gateway: '◇',
  timer: '◷',
  event: '✉',
  task: '☑',
  parallel: '⇉',
  join: '⋈',
  subprocess: '❐',
  assign: '≔',
};
