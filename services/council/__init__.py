"""The innovation council's work: meetings with agenda, decisions and action items, and the minutes."""
