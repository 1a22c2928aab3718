"""The spreiding's pure rules (Spreidingswet): plain values in and out."""
