"""The programme's pages: returns, periods, the programme's tables, audit and board report."""
