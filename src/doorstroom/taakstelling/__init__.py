"""Taakstelling: the half-year housing quota for permit holders per municipality.

Legal basis: Huisvestingswet 2014, articles 28-31 (the quota is set per half year by the Minister
and distributed over municipalities in proportion to their population); supervision by the
provinces under the Wet revitalisering generiek toezicht (*interbestuurlijk toezicht*).
"""
