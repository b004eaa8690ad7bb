// The tartan rug's table: one tab stop for all its cells, moved with the arrow keys (a roving
// tabindex, so a rug of 300 areas is not 15,000 tab stops). Home and End go to the ends of a
// row, Ctrl+Home and Ctrl+End to the first and last cell, Page Up and Page Down ten rows.
// Hovering a cell shows its words. When htmx swaps a new rug in, focus returns to the control
// that asked for it and the new rug's title is announced.
const TABLE = ".marmot-rug__table";
const PAGE_ROWS = 10;

// Rows with data cells, in order (principle headings have none).
function dataRows(table) {
  return [...table.tBodies].flatMap((body) => [...body.rows]).filter((row) => row.querySelector("td"));
}

function cellsOf(row) {
  return [...row.cells].filter((cell) => cell.tagName === "TD");
}

function target(cell, event) {
  const table = cell.closest(TABLE);
  const rows = dataRows(table);
  const rowIndex = rows.indexOf(cell.parentElement);
  const cells = cellsOf(cell.parentElement);
  const column = cells.indexOf(cell);
  const at = (row, index) => {
    const chosen = cellsOf(rows[Math.max(0, Math.min(rows.length - 1, row))]);
    return chosen[Math.max(0, Math.min(chosen.length - 1, index))];
  };
  switch (event.key) {
    case "ArrowLeft":
      return cells[column - 1];
    case "ArrowRight":
      return cells[column + 1];
    case "ArrowUp":
      return rowIndex > 0 ? at(rowIndex - 1, column) : null;
    case "ArrowDown":
      return rowIndex < rows.length - 1 ? at(rowIndex + 1, column) : null;
    case "PageUp":
      return at(rowIndex - PAGE_ROWS, column);
    case "PageDown":
      return at(rowIndex + PAGE_ROWS, column);
    case "Home":
      return event.ctrlKey ? at(0, 0) : cells[0];
    case "End":
      return event.ctrlKey ? at(rows.length - 1, Infinity) : cells[cells.length - 1];
    default:
      return null;
  }
}

function moveTo(cell) {
  const table = cell.closest(TABLE);
  for (const stop of table.querySelectorAll("td[tabindex]")) {
    if (stop !== cell) stop.removeAttribute("tabindex");
  }
  cell.tabIndex = 0;
  cell.focus();
}

document.addEventListener("keydown", (event) => {
  const cell = event.target.closest?.(`${TABLE} td`);
  if (!cell || event.altKey || event.metaKey) return;
  const next = target(cell, event);
  if (next === null || next === undefined) return;
  event.preventDefault();
  if (next !== cell) moveTo(next);
});

document.addEventListener("click", (event) => {
  const cell = event.target.closest?.(`${TABLE} td`);
  if (cell) moveTo(cell);
});

document.addEventListener("mouseover", (event) => {
  const cell = event.target.closest?.(`${TABLE} td`);
  if (cell && !cell.title) cell.title = cell.getAttribute("aria-label");
});

let focusedId = null;

document.addEventListener("htmx:beforeRequest", (event) => {
  focusedId = document.activeElement?.id || null;
  event.detail.target?.setAttribute("aria-busy", "true");
});

document.addEventListener("htmx:afterSettle", (event) => {
  const view = event.detail.target;
  if (view?.id !== "rug-view") return;
  view.removeAttribute("aria-busy");
  const summary = view.querySelector(".govuk-error-summary");
  const again = focusedId && document.getElementById(focusedId);
  if (summary) {
    summary.tabIndex = -1;
    summary.focus();
  } else if (again) {
    again.focus();
  }
  const said = view.querySelector("#rug-caption, .govuk-warning-text__text, .govuk-error-summary");
  const announcement = document.getElementById("rug-announcement");
  if (said && announcement) announcement.textContent = said.textContent.trim();
});
