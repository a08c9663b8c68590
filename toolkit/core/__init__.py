"""The domain: plain data and the rules on it (splits, budgets, fulfilment, status, numbers); standard library only."""
