"""Innovation budget per organisation and year, against its outcome (budget)."""
