// WebGL2 points. Every task's layout sits in its own buffer on the GPU; a morph binds two of
// them (a_from, a_to) and the vertex shader interpolates with the uniform u_t, so a frame
// costs one draw call and no per-point work in JavaScript.

const VERTEX = `#version 300 es
layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in vec4 a_colour;
uniform float u_t;
uniform vec2 u_scale;
uniform vec2 u_offset;
uniform float u_size;
out vec4 v_colour;
void main() {
  if (a_colour.a == 0.0) {            // hidden: outside the clip volume, never rasterised
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
    gl_PointSize = 1.0;
    v_colour = vec4(0.0);
    return;
  }
  vec2 p = mix(a_from, a_to, u_t);
  gl_Position = vec4(p * u_scale + u_offset, 0.0, 1.0);
  gl_PointSize = u_size;
  v_colour = a_colour;
}`;

const FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_colour;
uniform float u_ring;   // 1: a dark ring around the dot (emphasis, selection)
uniform float u_round;  // 1: round dots; 0: squares (tiny points)
out vec4 o_colour;
void main() {
  vec2 c = gl_PointCoord * 2.0 - 1.0;
  float r2 = dot(c, c);
  if (u_round > 0.5 && r2 > 1.0) discard;
  vec3 rgb = v_colour.rgb;
  float a = v_colour.a;
  if (u_ring > 0.5) {
    if (r2 > 0.5) { rgb = vec3(0.08, 0.09, 0.12); a = 1.0; } else { a = 1.0; }
  }
  o_colour = vec4(rgb * a, a);      // premultiplied
}`;

export class GlRenderer {
  /** Throws when WebGL2 is missing or fails; the caller then falls back to Canvas 2D. */
  constructor(canvas) {
    const gl = canvas.getContext('webgl2', {antialias: false, alpha: false, premultipliedAlpha: true, preserveDrawingBuffer: false});
    if (!gl) throw new Error('WebGL2 is not available');
    this.kind = 'webgl2';
    this.gl = gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    /** What draws: a GPU, or a software rasteriser such as SwiftShader (headless browsers, no GPU). */
    this.device = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    this.software = /SwiftShader|llvmpipe|softpipe|Software/i.test(this.device);
    // What was given, kept so that a lost context can be filled again when it comes back.
    this.data = {layouts: [], snapshot: null, colours: null, emphasis: new Uint32Array(0), selected: -1};
    this.n = 0;
    this.lost = false;
    /** Called when a lost context is back and filled again: the owner draws a frame. */
    this.onRestored = null;
    this.init();
    canvas.addEventListener('webglcontextlost', (e) => { e.preventDefault(); this.lost = true; });
    canvas.addEventListener('webglcontextrestored', () => {
      this.lost = false;
      this.init();
      const d = this.data;
      this.setLayouts(d.layouts);
      if (d.snapshot) this.setSnapshot(d.snapshot);
      if (d.colours) this.setColours(d.colours);
      this.setEmphasis(d.emphasis);
      this.setSelected(d.selected);
      if (this.onRestored) this.onRestored();
    });
  }

  /** The program and buffers: made at the start, and again after a lost context is restored. */
  init() {
    const gl = this.gl;
    this.program = link(gl, VERTEX, FRAGMENT);
    this.u = {};
    for (const name of ['u_t', 'u_scale', 'u_offset', 'u_size', 'u_ring', 'u_round']) this.u[name] = gl.getUniformLocation(this.program, name);
    this.layouts = [];
    this.snapshot = gl.createBuffer();
    this.colours = gl.createBuffer();
    this.coloured = 0;
    this.emphasis = gl.createBuffer();
    this.emphasisCount = 0;
    this.selected = gl.createBuffer();
    this.selectedCount = 0;
    this.vao = gl.createVertexArray();
  }

  setLayouts(layouts) {
    const gl = this.gl;
    this.data.layouts = layouts;
    this.n = layouts.length ? layouts[0].length / 2 : 0;
    if (this.lost) return;
    for (const b of this.layouts) gl.deleteBuffer(b);
    this.layouts = layouts.map((xy) => {
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, xy, gl.STATIC_DRAW);
      return b;
    });
  }

  /** Positions of an interrupted morph, the start of the next one. */
  setSnapshot(xy) {
    const gl = this.gl;
    this.data.snapshot = xy;
    if (this.lost) return;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.snapshot);
    gl.bufferData(gl.ARRAY_BUFFER, xy, gl.DYNAMIC_DRAW);
  }

  /** rgba: Uint8Array [n * 4]; alpha 0 hides a point. */
  setColours(rgba) {
    const gl = this.gl;
    this.data.colours = rgba;
    if (this.lost) return;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colours);
    gl.bufferData(gl.ARRAY_BUFFER, rgba, gl.DYNAMIC_DRAW);
    this.coloured = rgba.length / 4;
  }

  /** Points drawn again, larger and ringed: search matches, a selection's neighbours. */
  setEmphasis(indices) {
    const gl = this.gl;
    this.data.emphasis = indices;
    if (this.lost) return;
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.emphasis);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, indices, gl.DYNAMIC_DRAW);
    this.emphasisCount = indices.length;
  }

  setSelected(i) {
    const gl = this.gl;
    this.data.selected = i;
    if (this.lost) return;
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.selected);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, new Uint32Array(i >= 0 ? [i] : []), gl.DYNAMIC_DRAW);
    this.selectedCount = i >= 0 ? 1 : 0;
  }

  /** frame: {from, to (task index or 'snapshot'), t, clip: {scale, offset}, size (device px)} */
  draw(frame) {
    const gl = this.gl;
    if (this.lost || gl.isContextLost()) return;
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(1, 1, 1, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    // Nothing to draw until every point has its colour (the buffers would be read out of range).
    if (this.n === 0 || this.coloured !== this.n || this.layouts.length === 0) return;
    gl.useProgram(this.program);
    gl.bindVertexArray(this.vao);
    this.attribute(0, frame.from === 'snapshot' ? this.snapshot : this.layouts[frame.from], 2, gl.FLOAT, false);
    this.attribute(1, frame.to === 'snapshot' ? this.snapshot : this.layouts[frame.to], 2, gl.FLOAT, false);
    this.attribute(2, this.colours, 4, gl.UNSIGNED_BYTE, true);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.uniform1f(this.u.u_t, frame.t);
    gl.uniform2fv(this.u.u_scale, frame.clip.scale);
    gl.uniform2fv(this.u.u_offset, frame.clip.offset);

    gl.uniform1f(this.u.u_size, frame.size);
    gl.uniform1f(this.u.u_ring, 0);
    gl.uniform1f(this.u.u_round, frame.size >= 3 ? 1 : 0);
    gl.drawArrays(gl.POINTS, 0, this.n);

    const big = Math.max(7, frame.size * 1.8);
    gl.uniform1f(this.u.u_round, 1);
    gl.uniform1f(this.u.u_ring, 1);
    if (this.emphasisCount > 0) {
      gl.uniform1f(this.u.u_size, big);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.emphasis);
      gl.drawElements(gl.POINTS, this.emphasisCount, gl.UNSIGNED_INT, 0);
    }
    if (this.selectedCount > 0) {
      gl.uniform1f(this.u.u_size, big * 1.6);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.selected);
      gl.drawElements(gl.POINTS, 1, gl.UNSIGNED_INT, 0);
    }
    gl.bindVertexArray(null);
  }

  attribute(location, buffer, size, type, normalised) {
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, size, type, normalised, 0, 0);
  }
}

function link(gl, vertexSource, fragmentSource) {
  const program = gl.createProgram();
  for (const [type, source] of [[gl.VERTEX_SHADER, vertexSource], [gl.FRAGMENT_SHADER, fragmentSource]]) {
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error('shader: ' + gl.getShaderInfoLog(shader));
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error('program: ' + gl.getProgramInfoLog(program));
  return program;
}
