/** filter-grad.wat assembled twice: importing shared memory, and importing plain memory. */
export function assembleFilterGrad(): Promise<{ shared: Uint8Array; unshared: Uint8Array }>;
