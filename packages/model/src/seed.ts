/**
 * A per-weight seed from the model seed and the weight's name (FNV-1a), so a layer's initial
 * values depend only on (seed, name), not on how many layers were built before it.
 */
export function deriveSeed(seed: number, key: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}/${key}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
