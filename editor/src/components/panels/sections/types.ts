import type { NodeType } from '../../../../../workflows/definition/schema';
import type { NodeConfig } from '../../../model/types';

/** What every kind-specific section of the node panel receives. */
export interface SectionProps<T extends NodeType> {
  id: string;
  data: NodeConfig<T>;
  update(patch: Partial<NodeConfig<T>>): void;
}
