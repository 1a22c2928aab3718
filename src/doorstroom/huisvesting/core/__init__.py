"""The housing plan's pure rules: supply, need, the monthly balance per size class, and the money."""
