import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

/**
 * chart.js drawing on @napi-rs/canvas, for the share images. chart.js sees no DOM here and uses
 * its basic platform: no resize observers, no animation, the canvas size is the image size.
 */
Chart.register(...registerables, MatrixController, MatrixElement);

/** The family name the share images ask for, whichever file provides it. */
export const SHARE_FONT = 'Kabar Sans';

/**
 * Fonts shipped with the system, never downloaded: Debian's DejaVu Sans (`fonts-dejavu-core`,
 * installed in the Docker image) or Liberation Sans. Both cover Indonesian's Latin script.
 */
const FONT_FILES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf'],
] as const;

let registered: string | null | undefined;

/**
 * Registers the first font found under SHARE_FONT and makes it chart.js's default. Returns the
 * file, or null when none is installed (text then falls back to whatever the canvas finds).
 */
export function registerShareFont(): string | null {
  if (registered !== undefined) return registered;
  registered = null;
  for (const [regular, bold] of FONT_FILES) {
    if (!existsSync(regular)) continue;
    GlobalFonts.registerFromPath(regular, SHARE_FONT);
    if (existsSync(bold)) GlobalFonts.registerFromPath(bold, SHARE_FONT);
    registered = regular;
    break;
  }
  Chart.defaults.font.family = registered ? `"${SHARE_FONT}", sans-serif` : 'sans-serif';
  return registered;
}

/** Draws one chart at the given size and encodes it as PNG (off the main thread). */
export async function renderChartPng(config: ChartConfiguration, width: number, height: number): Promise<Buffer> {
  registerShareFont();
  const canvas = createCanvas(width, height);
  // chart.js's types name the DOM canvas; its basic platform only calls getContext('2d') on it.
  const chart = new Chart(canvas as unknown as ChartItem, config);
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
