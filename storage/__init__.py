"""Storage: sqlmodel tables, engine set-up and migrations, and repositories. Imports only ``protocol``."""
