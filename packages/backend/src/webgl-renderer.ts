/** Software rasterizers behind a WebGL context: they compute on the CPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;

/**
 * The renderer a WebGL2 context runs on, when the browser tells (WEBGL_debug_renderer_info),
 * and whether it is a software one. Undefined when there is no context to ask.
 */
export function webglRenderer(): { renderer: string; software: boolean } | undefined {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (gl === null) return undefined;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer, software: SOFTWARE_RENDERER.test(renderer) };
}
