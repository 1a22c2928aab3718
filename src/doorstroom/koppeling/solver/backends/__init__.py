"""LP/MIP backends that keep a run's deadline: HiGHS in process, OR-Tools in a child."""
