"""The innovation council's pages: a meeting with its agenda, decisions and actions, the forms that
add to it, and an owner's own actions with "mark as done"."""
