"""The tillgänglighetsredogörelse (`statement`: its sections and the form that reaches the admins)."""
