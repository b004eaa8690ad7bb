// Build the front-end assets Marmot Monitor serves (committed, so no npm is needed to run it):
// GOV.UK Frontend compiled with our settings (Arial, no crown, none of GOV.UK's images), its
// JavaScript, and its licence (MIT, as its package.json and README state).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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
console.log(`Built ${out}`);
