/** The registry React Flow draws nodes with: one component per definition node type, and the groups' box and frame. */
import type { NodeTypes } from '@xyflow/react';
import { ActivityNode } from './activity';
import { AssignNode } from './assign';
import { DecisionNode } from './decision';
import { EndNode } from './end';
import { EventNode } from './event';
import { GatewayNode } from './gateway';
import { GroupBox, GroupFrame } from './group';
import { JoinNode } from './join';
import { ParallelNode } from './parallel';
import { StartNode } from './start';
import { SubprocessNode } from './subprocess';
import { TaskNode } from './task';
import { TimerNode } from './timer';

export const nodeTypes = {
  start: StartNode,
  end: EndNode,
  activity: ActivityNode,
  decision: DecisionNode,
  gateway: GatewayNode,
  timer: TimerNode,
  event: EventNode,
  task: TaskNode,
  parallel: ParallelNode,
  join: JoinNode,
  subprocess: SubprocessNode,
  assign: AssignNode,
  groupBox: GroupBox,
  groupFrame: GroupFrame,
} satisfies NodeTypes;
