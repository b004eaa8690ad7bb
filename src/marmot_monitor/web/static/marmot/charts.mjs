// Draw each chart on the page (monitor/_chart.html) with vega-embed, under the site's Content
// Security Policy: expressions run in Vega's interpreter (no eval), nothing adds a style element
// (our stylesheet styles the charts and their tooltips), and vega-embed's menu is off (pages
// give their own download links). The wrapper's role="img" and aria-label name the chart; the
// drawing inside (Vega's own ARIA roles and all) is hidden from assistive technology, its
// table is beside it, and nothing in it takes keyboard focus.
// Vega is a large module: it is fetched only when a page has a chart.
const CHART = "[data-marmot-chart]";
const drawn = new WeakSet();

// A single view with a numeric width may stretch to its container; concatenated or faceted
// charts, step widths and maps (whose shape is fixed) keep their size and only shrink (CSS).
function fitsContainer(spec) {
  const views = spec.layer ?? [spec];
  const composite = ["hconcat", "vconcat", "concat", "facet", "repeat"].some((key) => key in spec);
  return typeof spec.width === "number" && !composite && !views.some((view) => "projection" in view);
}

// On a phone, legends side by side under a chart would overflow, and long axis labels would
// leave the plot no room: legends stack their entries and labels are cut short (the table
// beside the chart has them whole).
const NARROW = 600;
const LABEL_SHARE = 0.4;
const VEGA_LABEL_LIMIT = 180;

function sized(spec, width) {
  if (!fitsContainer(spec)) return spec;
  const fitted = { ...spec, width: "container", autosize: { type: "fit-x", contains: "padding" } };
  if (width < NARROW) {
    const axis = spec.config?.axis ?? {};
    const labelLimit = Math.min(axis.labelLimit ?? VEGA_LABEL_LIMIT, Math.round(width * LABEL_SHARE));
    fitted.config = { ...spec.config, axis: { ...axis, labelLimit } };
  }
  return fitted;
}

function options(width, vega) {
  return {
    renderer: "svg",
    actions: false,
    defaultStyle: false,
    ast: true,
    expr: vega.expressionInterpreter,
    config: { aria: false, ...(width < NARROW ? { legend: { direction: "vertical" } } : {}) },
    tooltip: { id: "marmot-chart-tooltip", disableDefaultStyle: true, theme: "marmot" },
  };
}

async function draw(element, vega) {
  drawn.add(element);
  const source = document.getElementById(element.dataset.marmotChart);
  const plot = document.createElement("div");
  plot.className = "marmot-chart__plot";
  plot.setAttribute("aria-hidden", "true");
  element.replaceChildren(plot);
  try {
    const width = plot.clientWidth;
    await vega.embed(plot, sized(JSON.parse(source.textContent), width), options(width, vega));
  } catch (error) {
    plot.textContent = "This chart could not be drawn: its numbers are in the table below.";
    plot.classList.add("govuk-body");
    throw error;
  }
}

async function drawCharts(root) {
  const elements = [...root.querySelectorAll(CHART)].filter((element) => !drawn.has(element));
  if (root.matches?.(CHART) && !drawn.has(root)) elements.push(root);
  if (elements.length === 0) return;
  const vega = await import(document.querySelector("script[data-marmot-vega]").dataset.marmotVega);
  await Promise.all(elements.map((element) => draw(element, vega)));
}

drawCharts(document);
// Parts of pages swapped in by htmx may bring charts of their own.
document.addEventListener("htmx:load", (event) => drawCharts(event.detail.elt));
