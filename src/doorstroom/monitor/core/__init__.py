"""The monitor's pure rules: cohorts and groups, the indicators, the tables and their protection,
the comparison with peers. Plain values in, plain values out."""
