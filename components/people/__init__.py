"""The administration of people: `forms` (users, roles, organisations, innovation leads and certified
innovation leaders on Användare & organisationer)."""
