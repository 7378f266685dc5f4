// What the page uses of d3, bundled into build/web/vendor/d3.js by scripts/build_web.mjs
// (esbuild, at build time: the page loads it from its own origin).
export { scaleLinear, scaleLog, scaleSymlog } from 'd3-scale';
export { format } from 'd3-format';
