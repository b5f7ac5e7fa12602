export interface Ranked {
  index: number;
  probability: number;
}

/** The `k` most probable classes, best first; ties keep the lower class index first. */
export function topK(probabilities: ArrayLike<number>, k: number): Ranked[] {
  return Array.from(probabilities, (probability, index) => ({ index, probability }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, k);
}
