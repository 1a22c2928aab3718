"""The prognose's pure model: scenarios, the chain flow model, Monte Carlo, the fits, plain values."""
