// Start GOV.UK Frontend's components (skip link, service navigation menu...).
import { initAll } from "./govuk-frontend.min.js";

initAll();
