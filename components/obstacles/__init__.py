"""The Hinder page's parts: the figures by kind, area and organisation with the cases behind them, and
the register with its forms."""
