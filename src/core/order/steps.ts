import type { OrderStepConfig, OrderSteps } from './types.js';

/**
 * The taquería flow of seed 000, the default: received → preparing → ready → courier assigned →
 * on the way → delivered. `aliases` are the names its servers send (`tipo` over SSE, `evento`
 * over WebSocket), so those payloads map without configuration.
 */
export const TAQUERIA_STEPS: OrderSteps = Object.freeze([
  step('received', { en: 'Order received', es: 'Pedido recibido' }, '📝', ['pedido_recibido']),
  step('preparing', { en: 'Preparing', es: 'Preparando' }, '👨‍🍳', ['preparacion_iniciada', 'preparacion']),
  step('ready', { en: 'Food ready', es: 'Comida lista' }, '🍽️', ['comida_lista', 'listo']),
  step('courier-assigned', { en: 'Courier assigned', es: 'Repartidor asignado' }, '🧑‍🦱', ['repartidor_asignado']),
  step('on-the-way', { en: 'On the way', es: 'En camino' }, '🛵', ['en_ruta', 'en_camino']),
  step('delivered', { en: 'Delivered', es: 'Entregado' }, '✅', ['entregado']),
]);

function step(id: string, label: Record<string, string>, icon: string, aliases: string[]): OrderStepConfig {
  return Object.freeze({ id, label: Object.freeze(label), icon, aliases: Object.freeze(aliases) });
}

/** Looks step names (ids and aliases) up in one map, built once per steps array. */
export interface StepIndex {
  /** The step's position for an id or alias, `-1` for a name not in the flow. */
  indexOf(name: string): number;
  /** The canonical id for an id or alias, `undefined` for an unknown name. */
  idOf(name: string): string | undefined;
  readonly steps: OrderSteps;
}

const indexes = new WeakMap<OrderSteps, StepIndex>();

/** The {@link StepIndex} of `steps` (cached per array, so pass a stable one). */
export function stepIndex(steps: OrderSteps): StepIndex {
  let index = indexes.get(steps);
  if (index === undefined) {
    const byName = new Map<string, number>();
    steps.forEach((config, i) => {
      byName.set(config.id, i);
      for (const alias of config.aliases ?? []) if (!byName.has(alias)) byName.set(alias, i);
    });
    index = {
      steps,
      indexOf: (name) => byName.get(name) ?? -1,
      idOf: (name) => {
        const i = byName.get(name);
        return i === undefined ? undefined : steps[i]!.id;
      },
    };
    indexes.set(steps, index);
  }
  return index;
}
