// Plot colours and fonts, read from the page's CSS custom properties so that canvases
// follow the light/dark theme.

export function readTheme(element = document.documentElement) {
  const css = getComputedStyle(element);
  const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const family = get('--plot-font', 'system-ui, sans-serif');
  return {
    fg: get('--fg', '#1b1f24'),
    muted: get('--muted', '#5b636e'),
    bg: get('--plot-bg', '#ffffff'),
    grid: get('--grid', '#e6e8eb'),
    axis: get('--axis', '#9aa1aa'),
    font: `13px ${family}`,
    smallFont: `11px ${family}`,
    family,
  };
}

export function onThemeChange(callback) {
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', callback);
  return () => query.removeEventListener('change', callback);
}
