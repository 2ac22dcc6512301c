"""The store: the cache of loaded briefs, their stored layout, and the runtime lookup tables."""
