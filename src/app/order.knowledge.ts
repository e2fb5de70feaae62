// What is known about a stored order, as core/order.machine.ts's facts: the
// channel's times from the order, and Pallet's own last step from its
// status (numbered with the order's version). The orders table keeps the
// status, not every fact; the audit trail keeps the history.
import { addFacts, channelFactsOf, noKnowledge, type OrderKnowledge, type PalletCommand } from '../core/order.machine.ts';
import type { Order, OrderStatus } from '../core/order.types.ts';

const commandOfStatus: Readonly<Partial<Record<OrderStatus, PalletCommand>>> = {
  on_hold: 'hold', released: 'release', picking: 'pick', packed: 'pack', shipped: 'ship', delivered: 'deliver', exception: 'fail',
};

export function knowledgeOf(order: Order): OrderKnowledge {
  const k = addFacts(noKnowledge, channelFactsOf(order));
  const command = order.status === 'cancelled' && order.cancelledAtMs === undefined ? 'cancel' : commandOfStatus[order.status];
  return command === undefined ? k : addFacts(k, [{ source: 'pallet', command, seq: order.version }]);
}
