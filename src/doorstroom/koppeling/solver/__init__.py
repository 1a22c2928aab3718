"""The koppeling's solver engine: the program, its backends, decomposition, pricing, time budget."""
