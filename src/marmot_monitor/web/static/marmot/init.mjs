// Start GOV.UK Frontend's components (skip link, service navigation menu...), and let the
// keyboard scroll any table wider than the screen.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// A table's scroll region (.marmot-table-scroll) is a tab stop only while its table overflows
// it: keyboard users can then scroll it with the arrow keys (WCAG 2.1.1), and a table that
// fits adds no extra stop.
function tabStopWhileOverflowing(region) {
  if (region.scrollWidth > region.clientWidth) region.tabIndex = 0;
  else region.removeAttribute("tabindex");
}

const regions = document.querySelectorAll(".marmot-table-scroll");
const resized = new ResizeObserver((entries) => {
  for (const entry of entries) tabStopWhileOverflowing(entry.target);
});
for (const region of regions) resized.observe(region);

// A table inside a closed <details> (a chart's table) is measured again when it opens.
document.addEventListener(
  "toggle",
  (event) => {
    for (const region of event.target.querySelectorAll?.(".marmot-table-scroll") ?? []) {
      tabStopWhileOverflowing(region);
    }
  },
  true,
);
