"""Workflows: validate, consolidate, templates, cost-split workbooks and the deck, each a sequence of core rules and adapters."""
