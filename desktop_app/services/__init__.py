"""Use cases the widgets call. No widgets here."""
