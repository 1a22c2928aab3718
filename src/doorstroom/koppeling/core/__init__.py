"""The koppeling's pure rules: plain values in and out, no database, files or solver."""
