"""Names of the settings read from the environment (Streamlit-free, shared by app and manage.py)."""

COOKIE_KEY_ENV = "INNOVATION_COOKIE_KEY"  # the secret that signs the re-login cookie
COOKIE_NAME = "innovationsportalen_session"
