"""Huisvesting: a municipality's housing plan for permit holders, supply against need, and the money."""
