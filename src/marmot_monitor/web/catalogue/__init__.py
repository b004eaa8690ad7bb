"""The framework: principles, areas of work, partners and the indicator catalogue."""
