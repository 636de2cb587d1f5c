// Page 1 of each PDF drawn by pdf.js (Firefox's viewer), as Node runs it: prints one
// JSON line {"file", "ink", "width", "height"} per PDF, where ink is the sum over all
// pixels of (255 - grey). With a PNG folder as third argument it also writes each page
// as PNG there, to look at.
//
//   node tests/pdfjs_ink.mjs PDFJS_DIR DPI [PNG_DIR] FILE.pdf...
//
// PDFJS_DIR holds node_modules/pdfjs-dist and @napi-rs/canvas (`make test` installs
// them in .build/tools/pdfjs). Fonts are drawn from the PDF's own embedded programs
// (no system fonts, no FontFace): exactly what shows a broken font.
import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, dpiArg, ...rest] = process.argv.slice(2);
let pngDir = null;
if (rest.length && !rest[0].endsWith(".pdf")) pngDir = rest.shift();
const modules = join(dir, "node_modules");
const pdfjs = await import(pathToFileURL(join(modules, "pdfjs-dist/legacy/build/pdf.mjs")).href);
const scale = Number(dpiArg) / 72;

for (const file of rest) {
  const data = new Uint8Array(await readFile(file));
  const task = pdfjs.getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
    cMapUrl: join(modules, "pdfjs-dist/cmaps/"),
    cMapPacked: true,
    standardFontDataUrl: join(modules, "pdfjs-dist/standard_fonts/"),
  });
  const doc = await task.promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale });
  const { canvas, context } = doc.canvasFactory.create(
    Math.ceil(viewport.width), Math.ceil(viewport.height));
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, canvas, viewport }).promise;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const grey = Math.round(0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2]);
    ink += 255 - grey;
  }
  if (pngDir) {
    await writeFile(join(pngDir, basename(file, ".pdf") + "-pdfjs.png"), await canvas.encode("png"));
  }
  console.log(JSON.stringify({ file, ink, width: canvas.width, height: canvas.height }));
  await task.destroy();
}
