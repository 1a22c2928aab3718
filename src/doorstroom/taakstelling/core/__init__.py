"""The taakstelling's pure rules (Huisvestingswet 2014 art. 28-31): plain values in and out."""
