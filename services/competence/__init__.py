"""Competence development: courses and information efforts, their participants (employees and elected
officials), the certification of innovation leaders, and the share of staff trained (courses)."""
