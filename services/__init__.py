"""Domain services: plain functions, no Streamlit. Every read of a record and every write checks the
actor's role and organisation here; pages only choose what to show."""
