// Colour scales. Sequential maps are perceptually uniform (viridis, cividis) for
// densities and uncertainty; the diverging map is centred at 0.5 for class
// probabilities; Okabe–Ito is the colour-blind-safe categorical palette.

export const okabeIto = Object.freeze({
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
});

// The words the page's text uses for the palette's colours, so that a sentence naming a colour
// names the one drawn (see colorName).
const okabeItoNames = Object.freeze({
  black: 'black',
  orange: 'orange',
  skyBlue: 'sky blue',
  bluishGreen: 'bluish green',
  yellow: 'yellow',
  blue: 'blue',
  vermillion: 'vermillion',
  reddishPurple: 'reddish purple',
});

/** The neutral grey of things drawn for reference (the plain network, data in the background). */
export const grey = '#8c8c8c';

const colorWords = new Map([
  ...Object.entries(okabeIto).map(([key, color]) => [color, okabeItoNames[key]]),
  [grey, 'grey'],
]);

/** The word for one of the palette's colours ('vermillion' for okabeIto.vermillion); throws for
 *  any other colour (a theme colour changes with light and dark mode: the text must not name it). */
export function colorName(color) {
  if (!colorWords.has(color)) throw new Error(`colorName: ${color} is not a palette colour`);
  return colorWords.get(color);
}

// One colour per method or role, the same in every lab (exact answers and data use the
// theme's foreground colour).
export const roleColors = Object.freeze({
  vi: okabeIto.vermillion,
  current: okabeIto.vermillion,
  averaged: okabeIto.blue,
  map: okabeIto.orange,
  mle: okabeIto.orange,
  laplace: okabeIto.bluishGreen,
  bnn: okabeIto.reddishPurple,
  dropout: okabeIto.skyBlue,
  plain: grey,
  samples: okabeIto.skyBlue,
  class0: okabeIto.blue,
  class1: okabeIto.orange,
});

const stops = {
  viridis: [
    '#440154',
    '#482475',
    '#414487',
    '#355f8d',
    '#2a788e',
    '#21918c',
    '#22a884',
    '#44bf70',
    '#7ad151',
    '#bddf26',
    '#fde725',
  ],
  cividis: [
    '#00204d',
    '#233e6c',
    '#414d6b',
    '#5e5f6e',
    '#7c7b78',
    '#9a9677',
    '#bcaf6f',
    '#dfcb5d',
    '#ffea46',
  ],
  diverging: ['#1f5f99', '#7fb1d9', '#f2f2f2', '#f5b971', '#b8600b'],
};

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function buildLut(hexStops, size = 256) {
  const rgb = hexStops.map(hexToRgb);
  const lut = new Uint8ClampedArray(size * 3);
  for (let i = 0; i < size; i++) {
    const t = (i / (size - 1)) * (rgb.length - 1);
    const k = Math.min(rgb.length - 2, Math.floor(t));
    const f = t - k;
    for (let c = 0; c < 3; c++) lut[3 * i + c] = rgb[k][c] + f * (rgb[k + 1][c] - rgb[k][c]);
  }
  return lut;
}

const luts = Object.freeze(
  Object.fromEntries(Object.entries(stops).map(([name, list]) => [name, buildLut(list)])),
);

/** [r, g, b] (0–255) of colormap `name` at t in [0, 1] (clamped; NaN gives the low end). */
export function colorAt(name, t) {
  const lut = luts[name];
  const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const i = Math.round(u * 255) * 3;
  return [lut[i], lut[i + 1], lut[i + 2]];
}

export function cssColorAt(name, t) {
  const [r, g, b] = colorAt(name, t);
  return `rgb(${r}, ${g}, ${b})`;
}

export function lut(name) {
  return luts[name];
}
