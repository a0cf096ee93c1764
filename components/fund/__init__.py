"""The fund pages' pieces: `applications` (the application form, an application's details, history and
reports), `review` (the jäv declaration and the scoring form) and `admin` (Fondhantering's tabs)."""
