"""Obstacles (hinder): the coded reasons ideas are parked or closed and fund projects stop, the team's
register of obstacles seen across cases (register), and the council's figures by kind, area and
organisation (figures)."""
