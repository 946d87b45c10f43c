/**
 * Editor speed in headless Chromium, on a generated process of 1,000 nodes and about 1,200 edges
 * (the editor's offline sandbox route, which carries no personal data; EDITOR_BENCH_NODES changes
 * the size):
 *  - interactive: navigation start → the first view drawn: its start node and every node React
 *    Flow renders (only those in view, above 120 nodes) measured, so draggable;
 *  - drag p95: 95th percentile of requestAnimationFrame deltas while a node is dragged. Frames
 *    run at 60 Hz, so a smooth drag sits at the 16.7 ms vsync interval and a dropped frame
 *    shows as 33 ms; `droppedFrames` is the share of deltas over 1.5 intervals.
 *  - memory: the page's JS heap in use once interactive and after the drag (Chromium's
 *    performance.memory), and how many nodes were drawn.
 * Targets: interactive < 1500 ms, drag p95 < 16.7 ms (i.e. no dropped frames at the 95th percentile).
 */
import type { Page } from 'playwright-core';
import { generateDefinition } from '../editor/src/model/generate';
import { launchChromium } from '../test/e2e/browser';

export interface EditorBenchResult {
  nodes: number;
  edges: number;
  /** Nodes in the DOM in the first view (React Flow renders only visible ones on large graphs). */
  drawnNodes: number;
  heapMb: { interactive: number; afterDrag: number };
  interactiveMs: number;
  dragP95Ms: number;
  dragMedianMs: number;
  droppedFrames: number;
  frames: number;
}

const NODES = Number(process.env.EDITOR_BENCH_NODES ?? 1000);
const DRAG_STEPS = 150;

// In-page code is kept as source text: tsx (esbuild, keepNames) would wrap functions passed to
// the page in a `__name` helper that does not exist there.

/** Runs in the page from its first script: notes when the first view shows its start node and every node drawn is measured. */
const probeInteractive = `
  (function check() {
    const nodes = document.querySelectorAll('.react-flow__node');
    const drawn = document.querySelector('[data-testid="node-n0"]') && Array.from(nodes).every((n) => n.style.visibility !== 'hidden');
    if (drawn) {
      window.__canvasInteractiveAt = performance.now();
      window.__drawnNodes = nodes.length;
    } else requestAnimationFrame(check);
  })();
`;

const heapMb = `Math.round(performance.memory.usedJSHeapSize / 1048576)`;

const startFrameRecorder = `
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  requestAnimationFrame(function tick(now) {
    window.__frames.push(now - last);
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  });
`;

const stopFrameRecorder = `window.__recording = false; window.__frames.slice(1)`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The centre of the node nearest the middle of the canvas: a drag there stays clear of the edges, where React Flow would auto-pan. */
const centralNode = `(() => {
  const pane = document.querySelector('.react-flow').getBoundingClientRect();
  const cx = pane.left + pane.width / 2, cy = pane.top + pane.height / 2;
  let best = null;
  for (const n of document.querySelectorAll('.react-flow__node')) {
    const r = n.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const d = Math.hypot(x - cx, y - cy);
    if (!best || d < best.d) best = { x, y, d };
  }
  return best;
})()`;

/** Drags a node once around a circle (about 120 px across) with real mouse events. */
async function dragNode(page: Page): Promise<void> {
  const { x, y } = (await page.evaluate(centralNode)) as { x: number; y: number };
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_STEPS; i++) {
    const angle = (i / DRAG_STEPS) * Math.PI * 2;
    await page.mouse.move(x + Math.sin(angle) * 60, y + (1 - Math.cos(angle)) * 60);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
}

const VSYNC_MS = 1000 / 60;

/** Signs in first where the app asks for it (the sandbox needs `process.read`). */
export async function benchEditor(url: string, account?: { username: string; password: string }): Promise<EditorBenchResult> {
  const browser = await launchChromium();
  try {
    // The app's Content-Security-Policy forbids evaluating strings, which is how the probes below run.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    const base = url.replace(/\/$/, '');
    if (account) {
      const res = await page.request.post(`${base}/api/auth/login`, { data: account });
      if (!res.ok()) throw new Error(`sign-in for the editor bench failed: ${res.status()} ${await res.text()}`);
    }
    await page.addInitScript({ content: probeInteractive });
    await page.goto(`${base}/#/sandbox?nodes=${NODES}`);
    const interactiveMs = (await (await page.waitForFunction('window.__canvasInteractiveAt', undefined, { timeout: 30_000 })).jsonValue()) as number;

    const drawnNodes = (await page.evaluate('window.__drawnNodes')) as number;
    const heapInteractive = (await page.evaluate(heapMb)) as number;

    await page.waitForTimeout(500);
    await page.evaluate(startFrameRecorder);
    await dragNode(page);
    const frames = (await page.evaluate(stopFrameRecorder)) as number[];
    const sorted = [...frames].sort((a, b) => a - b);
    return {
      nodes: NODES,
      edges: generateDefinition(NODES).edges.length,
      drawnNodes,
      heapMb: { interactive: heapInteractive, afterDrag: (await page.evaluate(heapMb)) as number },
      interactiveMs: Math.round(interactiveMs),
      dragP95Ms: Number(percentile(sorted, 95).toFixed(1)),
      dragMedianMs: Number(percentile(sorted, 50).toFixed(1)),
      droppedFrames: Number((frames.filter((d) => d > 1.5 * VSYNC_MS).length / frames.length).toFixed(3)),
      frames: frames.length,
    };
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const url = process.argv[2];
  if (!url) {
    process.stderr.write('usage: tsx bench/editor.bench.ts <url of a running engine or editor preview>\n');
    process.exit(2);
  }
  benchEditor(url).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
