"""Pairings (对接意向): one side proposes a need–programme pair, the other accepts or declines."""
