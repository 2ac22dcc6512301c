"""Finding things: the searched fields, the word index, and resolving typed names to actors."""
