"""The Marmot programme: programme indicators with targets and actuals, and the action plan."""
