// Build the front-end assets Marmot Monitor serves (committed, so no npm is needed to run it):
// GOV.UK Frontend compiled with our settings (Arial, no crown, none of GOV.UK's images), its
// JavaScript, and its licence (MIT, as its package.json and README state).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend");
const out = join(root, "src", "marmot_monitor", "web", "static", "marmot");

mkdirSync(out, { recursive: true });
const css = sass.compile(join(root, "assets", "scss", "marmot.scss"), {
  style: "compressed",
  loadPaths: [root],
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(join(out, "marmot.css"), css.css + "\n");
cpSync(join(govuk, "dist", "govuk", "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
const version = JSON.parse(readFileSync(join(govuk, "package.json"), "utf8")).version;
writeFileSync(
  join(out, "govuk-frontend-LICENCE.txt"),
  `GOV.UK Frontend ${version} (https://github.com/alphagov/govuk-frontend)\n` +
    "Copyright (c) Crown copyright (Government Digital Service)\n\n" +
    readFileSync(join(root, "assets", "MIT-LICENCE-TEXT.txt"), "utf8"),
);
// htmx (Zero-Clause BSD): the rug page's filters fetch only the part of the page they change.
const htmx = join(root, "node_modules", "htmx.org");
cpSync(join(htmx, "dist", "htmx.min.js"), join(out, "htmx.min.js"));
const htmxVersion = JSON.parse(readFileSync(join(htmx, "package.json"), "utf8")).version;
writeFileSync(
  join(out, "htmx-LICENCE.txt"),
  `htmx ${htmxVersion} (https://github.com/bigskysoftware/htmx)\n\n` +
    readFileSync(join(htmx, "LICENSE"), "utf8"),
);
// Vega, Vega-Lite, vega-embed and Vega's expression interpreter (BSD-3-Clause), bundled into one
// module that charts.mjs loads only on pages with a chart. Every package in the bundle (the d3
// modules are ISC, a few helpers MIT or 0BSD) is listed with its licence in vega-LICENCES.txt.
const bundled = await build({
  absWorkingDir: root,
  entryPoints: [join(root, "assets", "js", "vega.mjs")],
  outfile: join(out, "vega.min.mjs"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
const packages = new Set(
  Object.keys(bundled.metafile.inputs).map((input) => input.match(/^.*node_modules\/(@[^/]+\/)?[^/]+/)?.[0]),
);
const licences = [...packages]
  .filter(Boolean)
  .sort()
  .map((folder) => {
    const { name, version, license } = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8"));
    return `${name} ${version} (${license})\n\n${readFileSync(join(root, folder, "LICENSE"), "utf8").trim()}\n`;
  });
writeFileSync(
  join(out, "vega-LICENCES.txt"),
  "vega.min.mjs bundles these packages from npm, each under the licence that follows its name.\n\n" +
    licences.join("\n" + "-".repeat(72) + "\n\n"),
);
console.log(`Built ${out}`);
