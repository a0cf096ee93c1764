"""Innovation budget against outcome: the tiles of one organisation and the table of all."""
