// What charts.mjs needs from Vega, bundled by scripts/build-assets.mjs into one module
// (static/marmot/vega.min.mjs): vega-embed (with Vega and Vega-Lite), and Vega's expression
// interpreter, which evaluates a chart's expressions without eval, so the Content Security
// Policy need not allow 'unsafe-eval'.
export { default as embed } from "vega-embed";
export { expressionInterpreter } from "vega-interpreter";
