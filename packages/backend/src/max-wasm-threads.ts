/** emscripten pre-spawns 8 pthread workers in tfjs's build, and its C++ caps the pool at 8. */
export const MAX_WASM_THREADS = 8;
