import * as tf from '@tensorflow/tfjs';

type TapeNode = ReturnType<typeof tf.engine>['state']['activeTape'][number];

/**
 * tfjs's `gradients` keeps every tensor a gradient saved, and the gradient of every
 * intermediate, until the whole backward pass ends, so a step's peak holds all activations
 * and all their gradients at once. Call this last inside the function given to
 * `tf.variableGrads` (first-order gradients only): it wraps each recorded node's gradient
 * so that, once the node has produced its inputs' gradients, the node's saved tensors and
 * its outputs' gradients (read by no later node) are freed.
 */
export function releaseDuringBackprop(): void {
  for (const node of tf.engine().state.activeTape ?? []) wrapGradient(node);
}

function wrapGradient(node: TapeNode): void {
  const gradient = node.gradient;
  if (gradient === undefined) return;
  node.gradient = (dys) => {
    const closures = gradient(dys);
    let pending = Object.keys(node.inputs).length;
    const produced = new Set<tf.Tensor>();
    const release = () => {
      // A gradient may pass dy through unchanged as its input's gradient; that one lives on.
      tf.dispose([...(node.saved ?? []), ...dys.filter((dy) => dy !== null && !produced.has(dy))]);
    };
    if (pending === 0) release();
    const wrapped: typeof closures = {};
    for (const [name, closure] of Object.entries(closures)) {
      wrapped[name] = () => {
        const dx = closure();
        produced.add(dx);
        if (name in node.inputs && --pending === 0) release();
        return dx;
      };
    }
    return wrapped;
  };
}
